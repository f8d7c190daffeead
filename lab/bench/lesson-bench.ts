import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { describeMachine, type Machine } from '../kit/machine';
import { type BenchDatabase, prepareDatabase } from './database';
import { listPaths } from './report';
import type { ApiStart } from './targets';

/** Tells a lesson's bench of each request it sends: what it is, and how many the whole run sends. */
export type OnRequest = (text: string, total: number) => void;

/**
 * The frame of a lesson's bench (bench:round-trips, bench:index, bench:bytes): a scratch database seeded with
 * `users`, a progress bar on stderr (only on a terminal: cli-progress draws nothing otherwise, as npm run bench's)
 * fed by `measure`, the database dropped whatever happens, then the run's header (LessonRun) and what `measure`
 * returned written to `outDir` as results.json and, through `render`, README.md. `measure` may override the
 * header's fields (bench:index adds the orders to `database`).
 */
export async function runLessonBench<R extends LessonRun>(options: {
  /** The npm script, for the report's command: `bench:bytes`. */
  script: string;
  argv: string[];
  /** The progress bar's label. */
  name: string;
  databaseUrl: string | undefined;
  users: number;
  outDir: string;
  requests: number;
  start: ApiStart;
  measure: (database: BenchDatabase, onRequest: OnRequest) => Promise<Omit<R, keyof LessonRun> & Partial<LessonRun>>;
  render: (report: R) => string;
}): Promise<void> {
  const started = performance.now();
  const createdAt = new Date().toISOString();
  const database = await prepareDatabase(options.databaseUrl, options.users);
  let report: R;
  try {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${options.name} [{bar}] {value}/{total} requests | {case}` },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1, 0, { case: 'starting' });
    const onRequest: OnRequest = (text, total) => {
      bar.setTotal(total);
      bar.increment({ case: text });
    };
    const measured = await options.measure(database, onRequest).finally(() => bar.stop());
    const header: LessonRun = {
      format: 1,
      command: [`npm run ${options.script} --`, ...options.argv].join(' '),
      createdAt,
      elapsedS: Math.round((performance.now() - started) / 100) / 10,
      database: { label: database.label, version: database.version, seededUsers: database.seededUsers },
      machine: describeMachine(),
      requests: options.requests,
      start: options.start,
    };
    report = { ...header, ...measured } as R;
  } finally {
    await database.drop();
  }
  fs.mkdirSync(options.outDir, { recursive: true });
  const files = [path.join(options.outDir, 'results.json'), path.join(options.outDir, 'README.md')];
  fs.writeFileSync(files[0]!, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(files[1]!, options.render(report));
  process.stdout.write(`wrote ${listPaths(files)}\n`);
}

/** What every lesson's results.json says about its run, before its own results. */
export interface LessonRun {
  format: 1;
  command: string;
  createdAt: string;
  elapsedS: number;
  database: { label: string; version: string; seededUsers: number };
  machine: Machine;
  /** Requests measured per case, after 3 to warm up. */
  requests: number;
  start: ApiStart;
}

/** The report's lines about its run: the command, the machine, the database and how the API ran. */
export function describeLessonRun(run: LessonRun): string {
  const { machine, database } = run;
  return [
    `- Command: \`${run.command}\` (${run.elapsedS} s, ${run.createdAt})`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${machine.os}, ${machine.arch}`,
    `- Database: ${database.version}, ${database.label}, ${database.seededUsers.toLocaleString('en')} users`,
    `- API server: ${run.start === 'compiled' ? 'compiled (the production image’s command line)' : 'through tsx (as npm start)'}, QUERY_STATS=on`,
  ].join('\n');
}
