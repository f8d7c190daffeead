/** npm run lab -- index add|drop|status <name>: the lab's changes to the configured database, each a migration. */
import { runCli } from '../../src/cli';
import { describeDatabase, loadConfig } from '../../src/config';
import { OPTIONAL_MIGRATION_NAMES, OPTIONAL_MIGRATIONS, type OptionalMigrationName } from '../../src/db/migrations/optional';
import { runOptionalMigration } from '../../src/db/orm';
import { FixableError } from '../../src/errors';
import { createLogger } from '../../src/logger';

const ACTIONS = ['add', 'drop', 'status'] as const;
const USAGE =
  `usage: npm run lab -- index <${ACTIONS.join('|')}> <name>, on the database DATABASE_URL names; names: ` +
  OPTIONAL_MIGRATION_NAMES.map((name) => `${name} (${OPTIONAL_MIGRATIONS[name].what})`).join('; ');

class LabCommandError extends FixableError {
  override name = 'LabCommandError';
}

runCli('lab', async () => {
  const [topic, action, name, ...rest] = process.argv.slice(2);
  if (topic === '--help' || topic === undefined) {
    console.log(USAGE);
    return;
  }
  if (topic !== 'index' || rest.length > 0) throw new LabCommandError(USAGE);
  if (!ACTIONS.includes(action as never))
    throw new LabCommandError(`index takes ${ACTIONS.join(', ')}; got ${JSON.stringify(action ?? '')}. ${USAGE}`);
  if (!OPTIONAL_MIGRATION_NAMES.includes(name as never)) {
    throw new LabCommandError(`no index named ${JSON.stringify(name ?? '')}: expected one of ${OPTIONAL_MIGRATION_NAMES.join(', ')}`);
  }
  const config = loadConfig();
  const logger = createLogger({ ...config.log, level: 'warn' });
  const { before, after } = await runOptionalMigration(config.database, logger, name as OptionalMigrationName, action as (typeof ACTIONS)[number]);
  const { index } = OPTIONAL_MIGRATIONS[name as OptionalMigrationName];
  const state = (applied: boolean) => (applied ? `${index} exists` : `no ${index}`);
  const change = before === after ? `unchanged: ${state(after)}` : `${state(before)} → ${state(after)}`;
  console.log(`${name} on ${describeDatabase(config.database)}: ${change}`);
});
