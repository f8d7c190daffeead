/**
 * For the MikroORM CLI, run through tsx: `npm run orm -- migration:list`, `npm run orm -- debug`. The same
 * options the app uses, for the database in DATABASE_URL. New migrations: `npm run migration:create`
 * (both dialects at once).
 */
import { loadConfig } from './src/config';
import { ormOptions } from './src/db/orm';
import { createLogger } from './src/logger';

const config = loadConfig();
export default ormOptions(config.database, createLogger(config.log), config.timeouts);
