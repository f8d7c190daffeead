import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { type BenchDatabase, prepareDatabase } from './database';
import { listPaths } from './report';

/** Tells a lesson's bench of each request it sends: what it is, and how many the whole run sends. */
export type OnRequest = (text: string, total: number) => void;

/**
 * The frame of a lesson's bench (bench:round-trips, bench:index): a scratch database seeded with `users`, a
 * progress bar on stderr (only on a terminal: cli-progress draws nothing otherwise, as npm run bench's) fed by
 * `measure`, the database dropped whatever happens, then results.json and README.md written to `outDir`.
 */
export async function runLessonBench<R>(options: {
  name: string;
  databaseUrl: string | undefined;
  users: number;
  outDir: string;
  measure: (database: BenchDatabase, onRequest: OnRequest) => Promise<R>;
  render: (report: R) => string;
}): Promise<void> {
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
    report = await options.measure(database, onRequest).finally(() => bar.stop());
  } finally {
    await database.drop();
  }
  fs.mkdirSync(options.outDir, { recursive: true });
  const files = [path.join(options.outDir, 'results.json'), path.join(options.outDir, 'README.md')];
  fs.writeFileSync(files[0]!, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(files[1]!, options.render(report));
  process.stdout.write(`wrote ${listPaths(files)}\n`);
}
