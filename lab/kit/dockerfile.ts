import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** One instruction of a Dockerfile: its keyword and the rest of its line, comments and blank lines left out. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** The project's Dockerfile, one list of instructions per stage (each starting with its FROM). */
export function readDockerfile(file = path.join(ROOT, 'Dockerfile')): Instruction[][] {
  const stages: Instruction[][] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const [keyword] = line.trim().split(/\s/, 1) as [string];
    const instruction = { keyword, args: line.trim().slice(keyword.length).trim() };
    if (keyword === 'FROM') stages.push([]);
    if (!stages.length) throw new Error(`a Dockerfile starts with FROM; this one starts with ${keyword}`);
    stages.at(-1)!.push(instruction);
  }
  return stages;
}

/** `ENV NAME=value` or `ENV NAME="a value with spaces"`: one variable per instruction, as this project writes them. */
export function parseEnv(args: string): [name: string, value: string] {
  const match = args.match(/^([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"]*)"|(\S*))$/);
  if (!match) throw new Error(`ENV is read as NAME=value or NAME="value", one per instruction; the Dockerfile says ENV ${args}`);
  return [match[1]!, match[2] ?? match[3]!];
}

/** How the image starts the API: its CMD (node and its arguments) and the ENV the runtime stage sets. */
export interface ProductionStart {
  command: string[];
  env: Record<string, string>;
}

/**
 * The runtime stage's command line and environment: what bench and load start when they measure what
 * production runs, read from the Dockerfile so the two cannot drift apart.
 */
export function productionStart(file?: string): ProductionStart {
  const runtime = readDockerfile(file).at(-1)!;
  const env = Object.fromEntries(runtime.filter((step) => step.keyword === 'ENV').map((step) => parseEnv(step.args)));
  const cmd = runtime.findLast((step) => step.keyword === 'CMD');
  if (!cmd) throw new Error("the Dockerfile's last stage has no CMD: the image would not start the API");
  return { command: JSON.parse(cmd.args) as string[], env };
}
