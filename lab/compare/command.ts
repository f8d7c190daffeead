/** `npm run compare`'s flags and what it prints for them (lab/commands/compare.ts runs it). */
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CACHE_MODES } from '../../src/cache/cache-mode';
import type { FlagValues } from '../../src/cli';
import { loadConfig, parseWholeNumber } from '../../src/config';
import { DASHBOARD_OPERATION, EXAMPLE_OPERATIONS, PLACE_ORDER_OPERATION } from '../../src/examples';
import { AWAIT_MODES, type AwaitMode, DEFAULT_AWAIT_MODE, isAwaitMode } from '../../src/loading/await-mode';
import { isStrategyName, STRATEGY_NAMES, type StrategyName } from '../../src/strategies';
import { WRITE_MODES } from '../../src/writing/write-mode';
import type { Target } from '../client';
import { createInMemoryLab, type InMemoryLab } from '../in-memory-lab';
import { CompareError, compareStrategies } from './compare';
import { renderComparison } from './render';

export const COMPARE_COMMAND = {
  name: 'compare',
  summary:
    'Runs one GraphQL operation under every strategy and prints what each cost: SQL statements, database and total\n' +
    'time, N+1 findings and trace ids. Without --url it serves the app from this process on a loopback port, on a\n' +
    'fresh in-memory SQLite database seeded with --users users (your data is never touched).',
  flags: {
    url: { value: 'URL', meaning: "a running server's GraphQL endpoint, e.g. http://localhost:4000/graphql" },
    users: { value: 'N', meaning: 'in-process only: seed N users (default 20)' },
    query: {
      value: 'GRAPHQL',
      meaning:
        'the operation (default: the nested users → orders → items → product example; `dashboard`: the awaits ' +
        'example; `placeOrder`: the write example, which writes on every run)',
    },
    'query-file': { value: 'FILE', meaning: 'the operation, from a file' },
    variables: { value: 'JSON', meaning: 'its variables' },
    strategies: { value: 'LIST', default: STRATEGY_NAMES.join(','), meaning: 'comma-separated, the first is the baseline' },
    await: { value: 'LIST', default: DEFAULT_AWAIT_MODE, meaning: `x-await modes (${AWAIT_MODES.join(', ')}), each run under every strategy` },
    write: { value: 'LIST', default: 'per-item', meaning: `x-write modes (${WRITE_MODES.join(', ')}) for a mutation, each run under every strategy` },
    cache: { value: 'LIST', default: 'off', meaning: `x-cache modes (${CACHE_MODES.join(', ')}), each run under every strategy` },
    repeat: { value: 'K', default: '1', meaning: 'runs per strategy; times are medians' },
    explain: { value: 'HOW', meaning: 'plan or analyze: sent as x-explain, and what the plans find printed under the table' },
    jaeger: { value: 'URL', meaning: "Jaeger's UI, for links to each trace and to the compare view (default $JAEGER_UI_URL)" },
    json: { meaning: 'print the comparison as JSON' },
  },
};

/**
 * What `npm run compare -- …` prints for these flags: the CLI writes it to stdout, and the guide's pages show it
 * (lab/docs/ runs the command this way to check what they say).
 */
export async function compareOutput(values: FlagValues<typeof COMPARE_COMMAND.flags>): Promise<string> {
  const strategies = values.strategies.split(',').map((name) => name.trim().toLowerCase());
  const unknown = strategies.find((name) => !isStrategyName(name));
  if (unknown !== undefined) throw new CompareError(`unknown strategy "${unknown}": expected ${STRATEGY_NAMES.join(', ')}`);
  const awaitModes = values.await.split(',').map((name) => name.trim().toLowerCase());
  const unknownMode = awaitModes.find((name) => !isAwaitMode(name));
  if (unknownMode !== undefined) throw new CompareError(`unknown --await mode "${unknownMode}": expected ${AWAIT_MODES.join(', ')}`);
  const writeModes = listOf('--write', values.write, WRITE_MODES);
  const cacheModes = listOf('--cache', values.cache, CACHE_MODES);
  const repeat = parseWholeNumber('--repeat', values.repeat, 1, 1000);
  if (values.explain !== undefined && values.explain !== 'plan' && values.explain !== 'analyze') {
    throw new CompareError(`--explain is plan or analyze; got "${values.explain}"`);
  }
  if (values.query && values['query-file']) throw new CompareError('give --query or --query-file, not both');
  const query = values['query-file']
    ? readQueryFile(values['query-file'])
    : values.query === 'dashboard'
      ? DASHBOARD_OPERATION
      : values.query === 'placeOrder'
        ? PLACE_ORDER_OPERATION
        : (values.query ?? EXAMPLE_OPERATIONS.usersOrdersItemsProducts);
  const variables = values.variables === undefined ? undefined : parseVariables(values.variables);
  if (values.url && values.users !== undefined) {
    throw new CompareError(
      `--users seeds the in-process server; to compare at another size against ${values.url}, reseed its database (npm run seed -- --users N)`,
    );
  }
  const jaegerUrl = values.jaeger ?? loadConfig().jaegerUiUrl;

  let lab: InMemoryLab | undefined;
  let server: Server | undefined;
  let target: Target;
  let targetName: string;
  if (values.url) {
    target = values.url;
    targetName = values.url;
  } else {
    const users = parseWholeNumber('--users', values.users ?? '20', 1, 1_000_000);
    lab = await createInMemoryLab(users);
    // Served over real HTTP on a loopback port, so requests (and their traces) look exactly like the server's.
    server = createServer(lab.app);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    target = `http://127.0.0.1:${(server.address() as AddressInfo).port}${lab.app.graphqlEndpoint}`;
    targetName = `in-process (SQLite, ${users} users)`;
  }

  try {
    const comparison = await compareStrategies({
      target,
      targetName,
      query,
      variables,
      strategies: strategies as StrategyName[],
      awaitModes: awaitModes as AwaitMode[],
      writeModes,
      cacheModes,
      explain: values.explain,
      repeat,
      jaegerUrl,
    });
    return values.json ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparison(comparison);
  } finally {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await lab?.close();
  }
}

function readQueryFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CompareError(`cannot read --query-file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

function parseVariables(text: string): Record<string, unknown> {
  try {
    const variables: unknown = JSON.parse(text);
    if (variables && typeof variables === 'object' && !Array.isArray(variables)) return variables as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new CompareError(`--variables must be a JSON object, e.g. '{"first": 10}'; got ${text}`);
}

/** A comma-separated flag whose every entry must be one of `choices`. */
function listOf<T extends string>(flag: string, value: string, choices: readonly T[]): T[] {
  const picked = value.split(',').map((name) => name.trim().toLowerCase());
  const unknown = picked.find((name) => !choices.includes(name as T));
  if (unknown !== undefined) throw new CompareError(`unknown ${flag} mode "${unknown}": expected ${choices.join(', ')}`);
  return picked as T[];
}
