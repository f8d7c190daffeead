/**
 * The import rules `npm test` checks (dependency-cruiser): no cycles, the API never imports the lab or the tests,
 * and inside src/ imports run one way, from a layer to the ones before it in LAYERS.
 */
const LAYERS = [
  ['base', '^src/(errors|settings|quote|text-table|database-url|config-types|config|cli|examples)\\.ts$'],
  ['graphql helpers', '^src/graphql/'],
  ['database', '^src/db/'],
  ['telemetry', '^src/telemetry/'],
  ['logger', '^src/logger\\.ts$'],
  ['SQL accounting', '^src/stats/'],
  ['loading helpers', '^src/loading/'],
  ['strategies', '^src/strategies/'],
  ['request context', '^src/context\\.ts$'],
  ['schema', '^src/schema/'],
  ['timeline', '^src/timeline/'],
  ['metrics', '^src/metrics/'],
  ['plugins and HTTP', '^src/(plugins|http)/'],
  ['app', '^src/app\\.ts$'],
  ['process', '^src/main\\.ts$'],
];

const upward = LAYERS.slice(0, -1).map(([name, path], index) => ({
  name: `${name} imports no later layer`,
  comment: `src/ is layered (see LAYERS in .dependency-cruiser.cjs): ${name} may import only ${
    LAYERS.slice(0, index)
      .map(([earlier]) => earlier)
      .join(', ') || 'itself'
  }`,
  severity: 'error',
  from: { path },
  to: {
    path: LAYERS.slice(index + 1)
      .map(([, later]) => `(${later})`)
      .join('|'),
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'entities and GraphQL types name each other (both sides of a relation): cycles only there',
      severity: 'error',
      from: { pathNot: '^src/(db/entities|schema)/' },
      to: { circular: true },
    },
    {
      name: 'the API never imports the lab',
      comment: 'lab/ measures the API from beside it: it may import src/, never the other way round',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(lab|scripts|test)/' },
    },
    { name: 'only tests import tests', severity: 'error', from: { path: '^(src|lab|scripts)/' }, to: { path: '^test/' } },
    ...upward,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(dist|node_modules)/' },
  },
};
