import { buildIfStale } from '../kit/build';
import { runLoad } from './load';
import type { LoadOptions, LoadReport } from './report';

export interface SideBySideReport {
  /** The two runs, loaded at the same time: the one `--start` names first, then the one `--alongside` names. */
  runs: [LoadReport, LoadReport];
  /** The first run's requests over the second's: below 1, the first served fewer in the same seconds. */
  requestsRatio: number;
  ok: boolean;
}

/**
 * Two servers, each on its own database with its own clients, held under load at the same time: what one start
 * costs against another, measured on the same machine at the same moment. One after the other, this 2-core
 * host's speed drifted by more than the difference measured (capped against uncapped on SQLite: -12% to -20%
 * in soaks half an hour apart, 0% in 120 s runs taken in turn). Each run waits for the other's server to be
 * ready and measured before its load starts, so the two loads begin together.
 */
export async function runSideBySide(first: LoadOptions, second: LoadOptions): Promise<SideBySideReport> {
  // Once, here: two runs building dist/ at once would write over each other.
  if (first.start !== 'tsx' || second.start !== 'tsx') buildIfStale();
  const together = meeting(2);
  const runs = await Promise.all(
    [first, second].map((options) =>
      runLoad(options, { beforeLoad: together.arrive }).catch((error: unknown) => {
        together.cancel(error); // the other run must not wait for this one for ever
        throw error;
      }),
    ),
  );
  const [a, b] = runs as [LoadReport, LoadReport];
  return { runs: [a, b], requestsRatio: Math.round((a.requests.total / b.requests.total) * 1000) / 1000, ok: a.ok && b.ok };
}

/** Resolves every `arrive` once `parties` have arrived; `cancel` rejects the waiting ones instead. */
function meeting(parties: number) {
  let arrived = 0;
  const everyone = Promise.withResolvers<void>();
  everyone.promise.catch(() => undefined); // a cancel with nobody waiting yet is not an unhandled rejection
  return {
    arrive: () => {
      arrived += 1;
      if (arrived === parties) everyone.resolve();
      return everyone.promise;
    },
    cancel: (error: unknown) => everyone.reject(error),
  };
}
