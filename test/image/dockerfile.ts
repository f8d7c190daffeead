import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv, readDockerfile } from '../../lab/kit/dockerfile';

/** One stage of the Dockerfile as the test runs it: a folder standing for its WORKDIR, its ENV, USER, CMD. */
export interface Stage {
  name: string;
  image: string;
  root: string;
  env: Record<string, string>;
  user?: string;
  port?: number;
  healthcheck?: string[];
  cmd?: string[];
}

const WORKDIR = '/app';

/**
 * Runs a Dockerfile's instructions on this machine, without Docker: each stage in a temporary folder standing for
 * its WORKDIR, COPY from the build context (`context`) or an earlier stage, RUN through the shell there. It knows
 * only the instructions this project's Dockerfile uses and refuses any other, so the file cannot grow a step the
 * test does not run. What a host cannot do is said where it happens: `chown` to the image's user is a no-op
 * (that user exists only in the image), and the processes run as the test's user.
 */
export function runDockerfile(file: string, context: string): Stage[] {
  const stages: Stage[] = [];
  const shims = fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-image-shims-'));
  fs.writeFileSync(path.join(shims, 'chown'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  const inStage = (stage: Stage, target: string) => path.join(stage.root, path.relative(WORKDIR, path.resolve(WORKDIR, target)));
  for (const { keyword: instruction, args: rest } of readDockerfile(file).flat()) {
    const words = rest.split(/\s+/);
    const stage = stages.at(-1)!;
    switch (instruction) {
      case 'FROM':
        stages.push({
          name: words[2] ?? String(stages.length),
          image: words[0]!,
          root: fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-image-')),
          env: {},
        });
        break;
      case 'WORKDIR':
        if (rest !== WORKDIR) throw new Error(`the image test maps WORKDIR ${WORKDIR} only; the Dockerfile says ${rest}`);
        break;
      case 'COPY': {
        const from = words[0]!.startsWith('--from=') ? stages.find((s) => s.name === words.shift()!.slice('--from='.length)) : undefined;
        const destination = words.pop()!;
        for (const source of words) {
          const origin = from ? inStage(from, source) : path.join(context, source);
          const target = destination.endsWith('/') ? path.join(inStage(stage, destination), path.basename(source)) : inStage(stage, destination);
          fs.cpSync(origin, target, { recursive: true });
        }
        break;
      }
      case 'RUN':
        execFileSync('sh', ['-c', rest], {
          cwd: stage.root,
          stdio: 'pipe',
          env: { ...process.env, ...stage.env, PATH: `${shims}:${process.env.PATH}` },
        });
        break;
      case 'ENV': {
        const [name, value] = parseEnv(rest);
        stage.env[name] = value;
        break;
      }
      case 'USER':
        stage.user = rest;
        break;
      case 'EXPOSE':
        stage.port = Number(rest);
        break;
      case 'HEALTHCHECK':
        stage.healthcheck = JSON.parse(rest.slice(rest.indexOf('CMD ') + 4)) as string[];
        break;
      case 'CMD':
        stage.cmd = JSON.parse(rest) as string[];
        break;
      default:
        throw new Error(`the image test does not know the Dockerfile instruction ${instruction}: teach test/image/dockerfile.ts`);
    }
  }
  fs.rmSync(shims, { recursive: true, force: true });
  return stages;
}
