import { context, SpanKind, trace } from '@opentelemetry/api';
import { InstrumentationBase, type InstrumentationConfig, InstrumentationNodeModuleDefinition } from '@opentelemetry/instrumentation';
import { sanitizeSql } from '../db/sql-text';
import { timeStatement } from '../db/statement-timing';
import { endWithError } from './span-end';
import { sqlSpanName } from './sql-span-name';

type ExecuteQuery = (this: OrmConnection, query: string, run: () => Promise<unknown>, logContext?: unknown) => Promise<unknown>;

interface OrmConnection {
  getPlatform(): { constructor: { name: string } };
  config: { get(key: 'dbName'): string | undefined };
}

/**
 * One span per SQL statement, from MikroORM itself rather than from its query runner or the database driver.
 *
 * Every statement MikroORM sends, on SQLite and PostgreSQL alike, passes through
 * `Connection.prototype.executeQuery(sql, run)` with the SQL still holding its `?` placeholders: MikroORM
 * inlines the values only inside `run`, for kysely. So wrapping it gives sanitized text, exact timing and the
 * caller's context as parent (the resolver or DataLoader batch that asked). pg's instrumentation would record
 * literal values (and see nothing on SQLite), and enabling it as well would count each statement twice.
 *
 * MikroORM 7 is an ES module; the app loads it with `require(esm)`, which require-in-the-middle hooks like any
 * `require`. The prototype patched here is shared by every importer, so `@mikro-orm/sql` reaches the wrapper too.
 */
export class MikroOrmInstrumentation extends InstrumentationBase<InstrumentationConfig> {
  constructor(config: InstrumentationConfig = {}) {
    super('graphql-n1-lab/mikro-orm', '1.0.0', config);
  }

  protected init() {
    return new InstrumentationNodeModuleDefinition(
      '@mikro-orm/core',
      ['>=7 <8'],
      (moduleExports: { Connection: { prototype: { executeQuery: ExecuteQuery } } }) => {
        this._wrap(moduleExports.Connection.prototype, 'executeQuery', (original) => this.traced(original));
        return moduleExports;
      },
      (moduleExports) => {
        this._unwrap(moduleExports.Connection.prototype, 'executeQuery');
      },
    );
  }

  private traced(original: ExecuteQuery): ExecuteQuery {
    const tracer = () => this.tracer;
    return function tracedExecuteQuery(this: OrmConnection, query, run, logContext) {
      const parent = context.active();
      // Statements outside a request (start-up migrations, the seed) would each be a root trace of their own.
      if (!trace.getSpan(parent)) return original.call(this, query, run, logContext);
      const text = sanitizeSql(query);
      const { name, operation, table } = sqlSpanName(text);
      const attributes = {
        'db.system.name': dbSystem(this),
        'db.namespace': this.config.get('dbName') ?? '',
        'db.query.text': text,
        ...(operation && { 'db.operation.name': operation }),
        ...(table && { 'db.collection.name': table }),
      };
      // The span covers what the database did, as the lab's timeline does, not the wait for a connection; it has
      // no children, so it is made once the times are known.
      const timedRun = () =>
        timeStatement(run, ({ startedAt, endedAt }, { result, error }) => {
          const span = tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes, startTime: startedAt }, parent);
          if (error !== undefined) return endWithError(span, error, endedAt);
          if (Array.isArray(result)) span.setAttribute('db.response.returned_rows', result.length);
          span.end(endedAt);
        });
      return original.call(this, query, timedRun, logContext);
    };
  }
}

function dbSystem(connection: OrmConnection): string {
  const platform = connection.getPlatform().constructor.name.toLowerCase();
  if (platform.includes('postgre')) return 'postgresql';
  if (platform.includes('sqlite')) return 'sqlite';
  return platform.replace(/platform$/, '');
}
