// Two projects run the same API suites: SQLite in memory (always) and PostgreSQL (when TEST_DATABASE_URL
// names a server; every test file then gets a database of its own, dropped afterwards).
const postgresUrl = process.env.TEST_DATABASE_URL;
const ci = process.env.CI === 'true';

if (!postgresUrl) {
  if (ci) throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suites must run in CI');
  console.warn(
    '\n[graphql-n1-lab] PostgreSQL suites SKIPPED: TEST_DATABASE_URL is not set ' +
      '(e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test)\n',
  );
}

// Type errors are `npm test`'s tsc step's job; ts-jest only transpiles (isolatedModules in tsconfig.json).
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

const projects = [
  {
    ...base,
    displayName: 'sqlite',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    globals: { __TEST_DB__: 'sqlite' },
    snapshotResolver: '<rootDir>/test/support/snapshot-resolver.sqlite.js',
  },
];
if (postgresUrl) {
  projects.push({
    ...base,
    displayName: 'postgres',
    testMatch: ['<rootDir>/test/api/**/*.test.ts', '<rootDir>/test/process/**/*.test.ts'],
    globals: { __TEST_DB__: 'postgres' },
    snapshotResolver: '<rootDir>/test/support/snapshot-resolver.postgres.js',
    globalTeardown: '<rootDir>/test/support/drop-leftover-databases.js',
  });
}

module.exports = {
  projects,
  globalSetup: '<rootDir>/test/support/build-once.js',
  reporters: ['default', '<rootDir>/test/support/require-postgres-reporter.js'],
  testTimeout: 30_000,
};
