import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sendOperation } from '../../lab/client';
import { whenListening } from '../../lab/kit/server-process';
import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { runDockerfile, type Stage } from './dockerfile';

const ROOT = path.join(__dirname, '..', '..');

/**
 * The Dockerfile's stages run on this machine (no Docker engine here: see dockerfile.ts), then the runtime
 * stage's CMD started as the image starts it, with PORT=0 instead of 4000 and QUERY_STATS=on (the image is
 * NODE_ENV=production, which turns the counts off) so the README's query can be counted.
 */
describe('the production image (Dockerfile), built and run without Docker', () => {
  let build: Stage;
  let runtime: Stage;
  let server: ChildProcess;
  let output = '';
  let url: string;

  beforeAll(async () => {
    [build, runtime] = runDockerfile(path.join(ROOT, 'Dockerfile'), ROOT) as [Stage, Stage];
    const [command, ...args] = runtime.cmd!;
    server = spawn(command!, args, {
      cwd: runtime.root,
      env: { PATH: process.env.PATH, ...runtime.env, PORT: '0', HOST: '127.0.0.1', QUERY_STATS: 'on' },
    });
    server.stdout!.on('data', (chunk) => (output += chunk));
    server.stderr!.on('data', (chunk) => (output += chunk));
    ({ url } = await whenListening(server, () => output, 60_000));
  }, 600_000);

  afterAll(() => {
    server?.kill('SIGKILL');
    for (const stage of [build, runtime]) if (stage) fs.rmSync(stage.root, { recursive: true, force: true });
  });

  test('two stages on Node 24: the runtime has compiled JavaScript and production dependencies only, as a user of its own', () => {
    expect([build.image, runtime.image]).toEqual(['node:24-bookworm-slim', 'node:24-bookworm-slim']);
    expect(runtime.env.NODE_ENV).toBe('production');
    expect(runtime.user).toBe('node');
    expect(runtime.cmd![0]).toBe('node'); // node itself is PID 1 and receives SIGTERM: no npm, no shell between
    const modules = fs.readdirSync(path.join(runtime.root, 'node_modules'));
    expect(modules).toEqual(expect.arrayContaining(['graphql', 'better-sqlite3', '@mikro-orm']));
    expect(modules.filter((name) => ['tsx', 'typescript', 'jest', 'ts-jest', 'esbuild'].includes(name))).toEqual([]);
    expect(fs.existsSync(path.join(runtime.root, 'src'))).toBe(false);
    expect(fs.existsSync(path.join(runtime.root, 'dist', 'src', 'main.js'))).toBe(true);
    expect(fs.existsSync(path.join(runtime.root, 'dist', 'src', 'lab-page', 'index.html'))).toBe(true);
  });

  test('answers the README query with 51, 4 and 1 statements, and its HEALTHCHECK passes', async () => {
    const counts: Record<string, number> = {};
    for (const strategy of ['naive', 'batched', 'joined']) {
      const { body } = await sendOperation(url, { query: EXAMPLE_OPERATIONS.usersOrdersItemsProducts, strategy });
      expect(body.errors).toBeUndefined();
      counts[strategy] = body.extensions!.queryStats!.sqlCount;
    }
    expect(counts).toEqual({ naive: 51, batched: 4, joined: 1 });
    const [command, ...args] = runtime.healthcheck!.map((word) => word.replace(':4000/', `:${new URL(url).port}/`));
    expect(() => execFileSync(command!, args, { stdio: 'pipe', timeout: 10_000 })).not.toThrow();
  });

  test('SIGTERM: drains, logs "stopped" and exits 0', async () => {
    // 'close', not 'exit': the process can exit before its last log line has come through the pipe.
    const exited = new Promise<number | null>((resolve) => server.once('close', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/"msg":"stopped"/);
  }, 30_000);
});
