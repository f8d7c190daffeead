import cliProgress from 'cli-progress';
import { measureBesideFloor } from './beside-floor';
import { type BenchDatabase, prepareDatabase } from './database';
import { measureHistoryCost } from './history-cost';
import { assertSameData, BENCH_QUERY } from './operation';
import { BenchError, type BenchOptions } from './options';
import { startOtlpSink } from './otlp-sink';
import { type BenchResults, type CellResult, describeRun } from './results';
import { runSequential } from './sequential';
import { startTarget } from './targets';
import { runThroughput } from './throughput';
import { measureTracingCost } from './tracing-cost';

/** The floor's name in results, beside the strategies. */
export const FLOOR = 'floor';
/** The most `users(first:)` can ask for, whatever --n says: every run's tables are the same size. */
export const SEED_USERS = 1000;

/**
 * Every N × (each strategy, then the floor), each cell on a fresh server process. Within an N, every target's
 * data must equal the first target's (the floor included), or the run stops: a faster wrong answer is no result.
 */
export async function runBench(options: BenchOptions, signal: AbortSignal): Promise<BenchResults> {
  const started = performance.now();
  const createdAt = new Date().toISOString();
  const targets = [...options.strategies, FLOOR];
  // On stderr, and only on a terminal (cli-progress draws nothing otherwise), so --json output stays clean.
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'bench [{bar}] {value}/{total} cells | {duration}s | {cell}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(options.n.length * targets.length, 0, { cell: 'seeding the database' });
  let database: BenchDatabase | undefined;
  const sink = options.traces || options.tracingCost ? await startOtlpSink() : undefined;
  const cells: CellResult[] = [];
  try {
    database = await prepareDatabase(options.databaseUrl, SEED_USERS);
    for (const n of options.n) {
      let reference: { target: string; data: unknown } | undefined;
      for (const target of targets) {
        const show = (phase: string) => bar.update({ cell: `${target} N=${n}: ${phase}` });
        const otlpEndpoint = options.traces ? sink?.endpoint : undefined;
        const { cell, data } = await runCell(target, n, database, { ...options, otlpEndpoint }, signal, show);
        const inTurn = {
          databaseUrl: database.url,
          start: options.start,
          strategy: target,
          n,
          requests: options.requests,
          budgetS: options.budgetS,
          rounds: options.inTurnRounds,
          label: `${target} at N=${n}`,
          signal,
        };
        const rounds = (phase: string) => (round: number) => show(`${phase}, round ${round} of ${options.inTurnRounds}`);
        if (options.tracingCost && sink && target !== FLOOR) {
          const onRound = rounds('tracing cost: a traced and an untraced server in turn');
          cell.tracing = await interruptible(signal, measureTracingCost({ ...inTurn, sink, onRound }));
        }
        if (options.historyCost && target !== FLOOR) {
          const onRound = rounds("history cost: a server without the lab's history and one with it in turn");
          cell.historyCost = await interruptible(signal, measureHistoryCost({ ...inTurn, onRound }));
        }
        if (options.floorInTurn && target !== FLOOR) {
          const onRound = rounds('beside the floor: this strategy and the floor in turn');
          cell.besideFloor = await interruptible(signal, measureBesideFloor({ ...inTurn, onRound }));
        }
        if (reference) {
          assertSameData(reference.data, data, () => `${target} returned different data from ${reference!.target} at N=${n}`);
        }
        reference ??= { target, data };
        cells.push(cell);
        bar.increment();
      }
    }
  } finally {
    bar.update({ cell: signal.aborted ? 'interrupted' : 'done' });
    bar.stop();
    await database?.drop();
    await sink?.close();
  }
  const elapsedS = Math.round((performance.now() - started) / 100) / 10;
  return { ...describeRun(options, database!, BENCH_QUERY), createdAt, elapsedS, cells };
}

async function runCell(
  target: string,
  n: number,
  database: BenchDatabase,
  options: BenchOptions & { otlpEndpoint?: string },
  signal: AbortSignal,
  show: (phase: string) => void,
): Promise<{ cell: CellResult; data: unknown }> {
  const strategy = target === FLOOR ? undefined : target;
  show('starting its server');
  const running = await startTarget(strategy ? 'api' : 'floor', database.url, {
    start: options.start,
    ...(options.otlpEndpoint && { otlpEndpoint: options.otlpEndpoint }),
  });
  // Ctrl-C: stop the server now; the request in flight then fails and the run unwinds through the `finally`s.
  const stop = () => void running.stop();
  signal.addEventListener('abort', stop);
  try {
    checkpoint(signal);
    show('sequential');
    const { url } = running;
    const { requests, budgetS, connections, durationS } = options;
    const sequential = runSequential({ url, strategy, n, requests, budgetS, label: `${target} at N=${n}` });
    const { result, cost, data } = await interruptible(signal, sequential);
    // A cell whose fastest request outlasts the whole load run (naive at N=1000) could only report 0 finished.
    const throughputRuns = result.minMs <= durationS * 1000;
    show(throughputRuns ? `${connections} connections for ${durationS} s` : 'no load run: one request outlasts it');
    const throughput = throughputRuns ? await interruptible(signal, runThroughput({ url, strategy, n, connections, durationS, signal })) : null;
    checkpoint(signal);
    const peakMemoryBytes = running.peakMemoryBytes();
    return { cell: { target, n, sequential: result, throughput, cost, peakMemoryBytes }, data };
  } finally {
    signal.removeEventListener('abort', stop);
    await running.stop();
  }
}

function checkpoint(signal: AbortSignal): void {
  if (signal.aborted) throw new BenchError('interrupted: nothing written', 130);
}

/** After Ctrl-C, whatever the interrupted step failed with is not the news. */
async function interruptible<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    checkpoint(signal);
    throw error;
  }
}
