import type { Orm } from './orm';
import { databaseUnavailable } from './unavailable';

/** What `/ready` says about the database: it answered, or why not. */
export type Readiness = { ok: true } | { ok: false; reason: string };

/**
 * `select 1` within `timeoutMs`, whatever the database does: a hung server is abandoned when the signal fires
 * (its statement keeps its pooled connection until DB_STATEMENT_TIMEOUT_MS ends it), a refusing one fails at once.
 */
export async function checkDatabase(orm: Orm, timeoutMs: number): Promise<Readiness> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    await orm.em.fork().execute('select 1', [], { method: 'all', signal });
    return { ok: true };
  } catch (error) {
    if (signal.aborted) return { ok: false, reason: `select 1 did not answer within ${timeoutMs} ms (READY_TIMEOUT_MS)` };
    const unavailable = databaseUnavailable(error);
    return { ok: false, reason: unavailable?.cause ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error)) };
  }
}
