import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STRATEGY_NAMES } from '../../src/strategies';
import { freshDatabaseUrl } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

const ROOT = path.join(__dirname, '..', '..');
/** Made with `npm run migration:create -- --name product_sku` after editing the entity, the type and the seed. */
const PATCH = path.join(__dirname, '..', 'fixtures', 'add-a-column', 'product-sku.patch');
/** The files a new scalar column may touch: its entity, its migration (and the list of migrations), its type, the seed. */
const ALLOWED = /^src\/(db\/entities\/product\.ts|db\/migrations\/(sqlite|postgresql)\/[\w.]+\.ts|schema\/product\.ts|db\/seed\.ts)$/;

/** Run inside the patched copy: every strategy answers a query that asks for the new column at two depths. */
const CHECK = `
import { createApp } from './src/app';
import { loadConfig, parseDatabaseUrl } from './src/config';
import { openDatabase } from './src/db/orm';
import { reseed } from './src/db/seed';
import { createLogger } from './src/logger';
(async () => {
  const logger = createLogger({ level: 'silent', pretty: false });
  const orm = await openDatabase(parseDatabaseUrl(process.env.DATABASE_URL), logger);
  await reseed(orm.em.fork(), 3);
  const app = createApp({ orm, logger, config: loadConfig({}) });
  const query = '{ products(first: 2) { id sku } users(first: 2) { orders { items { product { name sku } } } } }';
  const answers: Record<string, unknown> = {};
  for (const strategy of process.argv.slice(2)) {
    const response = await app.fetch('http://lab/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-strategy': strategy }, body: JSON.stringify({ query }) });
    answers[strategy] = await response.json();
  }
  console.log(JSON.stringify(answers));
  await orm.close(true);
})();
`;

/**
 * The schema's facts (columns, foreign keys, relation kinds) are declared once, on the entities. So adding a
 * scalar column to Product touches only the entity, its migration, the GraphQL type and the seed (the patch),
 * and then every strategy loads it. Proved on a copy of src/ with the patch applied: it type-checks, and the
 * new field answers alike under every x-strategy.
 */
describe(`adding a scalar column to Product [${TEST_DB}]`, () => {
  let copy: string;
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-add-a-column-'));
    for (const entry of ['src', 'tsconfig.json', 'package.json']) fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
    execFileSync('git', ['apply', PATCH], { cwd: copy });
    database = TEST_DB === 'sqlite' ? { url: 'sqlite::memory:', drop: async () => {} } : await freshDatabaseUrl();
  });
  afterAll(async () => {
    await database.drop();
    fs.rmSync(copy, { recursive: true, force: true });
  });

  test('the change touches the entity, its migration, the GraphQL type and the seed only', () => {
    const touched = [...fs.readFileSync(PATCH, 'utf8').matchAll(/^diff --git a\/(\S+) b\//gm)].map((match) => match[1]!);
    expect(touched.filter((file) => !ALLOWED.test(file))).toEqual([]);
    expect(touched).toContain('src/schema/product.ts');
  });

  test('the patched API type-checks: row types and column lists follow the entity', () => {
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    expect(() => execFileSync(process.execPath, [tsc, '--noEmit', '-p', copy], { stdio: 'pipe' })).not.toThrow();
  }, 120_000);

  test('every strategy loads the new column, at the root and three levels down', () => {
    fs.writeFileSync(path.join(copy, 'check.ts'), CHECK);
    const output = execFileSync(process.execPath, ['--require', 'tsx/cjs', 'check.ts', ...STRATEGY_NAMES], {
      cwd: copy,
      env: { PATH: process.env.PATH, DATABASE_URL: database.url },
    });
    const answers = JSON.parse(String(output)) as Record<string, { data: unknown; errors?: unknown }>;
    const naive = answers.naive!;
    expect(naive.errors).toBeUndefined();
    expect(naive.data).toMatchObject({
      products: [
        { id: '1', sku: 'SKU-0001' },
        { id: '2', sku: 'SKU-0002' },
      ],
      users: [{ orders: [{ items: [{ product: { sku: 'SKU-0008' } }, { product: { sku: 'SKU-0009' } }] }, expect.anything()] }, expect.anything()],
    });
    for (const strategy of STRATEGY_NAMES) expect(answers[strategy]!.data).toEqual(naive.data);
  }, 60_000);
});
