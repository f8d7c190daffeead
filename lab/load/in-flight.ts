import type { EventEmitter } from 'node:events';

export interface InFlightReport {
  /** Requests sent before the signal and not yet answered when it was sent. */
  inFlight: number;
  /** Of those, answered with a 2xx. */
  answered: number;
  /** Of those, answered otherwise, or never (the connection failed or was reset under them). */
  failed: number;
}

interface Connection {
  /** The request this connection has out (autocannon pipelines none: one at most), and whether it was out at the signal. */
  outstanding?: { atSignal: boolean };
}

/**
 * What became of the requests in flight when SIGTERM was sent, followed per connection through autocannon's
 * client events: `request` (one sent), `response` (its answer), and any later `request` on a connection whose
 * last one got no answer (autocannon moved on after a reset: that one failed).
 */
export class InFlightAtSignal {
  readonly #connections = new Set<Connection>();
  readonly #report: InFlightReport = { inFlight: 0, answered: 0, failed: 0 };
  #signalled = false;

  /** autocannon's `setupClient` option. */
  readonly setupClient = (client: EventEmitter): void => {
    const connection: Connection = {};
    this.#connections.add(connection);
    client.on('request', () => {
      this.#settle(connection, false);
      connection.outstanding = { atSignal: false };
    });
    client.on('response', (statusCode: number) => this.#settle(connection, statusCode >= 200 && statusCode < 300));
    client.on('done', () => this.#settle(connection, false));
  };

  /** Marks every request out right now as in flight at the signal. */
  signal(): void {
    this.#signalled = true;
    for (const connection of this.#connections) {
      if (!connection.outstanding) continue;
      connection.outstanding.atSignal = true;
      this.#report.inFlight += 1;
    }
  }

  /** True once every request in flight at the signal has its outcome. */
  get settled(): boolean {
    return this.#signalled && [...this.#connections].every((connection) => !connection.outstanding?.atSignal);
  }

  get report(): InFlightReport {
    return { ...this.#report };
  }

  #settle(connection: Connection, ok: boolean): void {
    if (connection.outstanding?.atSignal) this.#report[ok ? 'answered' : 'failed'] += 1;
    connection.outstanding = undefined;
  }
}
