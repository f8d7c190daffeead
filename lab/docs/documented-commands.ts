/**
 * The commands the guide shows, run in this process: `npm run compare -- …` through the same code as the CLI, and
 * `curl … | jq … | grep …` against the lab's app on the seeded data (what `npm start` serves on a first start).
 * We emulate curl, jq and grep rather than spawn them: the check must run where `npm test` runs, with no server
 * started and no jq installed, and the pages use only the few options emulated here (anything else is refused).
 */
import { parse as parseShell } from 'shell-quote';
import { type FlagValues, parseFlags } from '../../src/cli';
import { FixableError } from '../../src/errors';
import { COMPARE_COMMAND, compareOutput } from '../compare/command';
import { createInMemoryLab, type InMemoryLab } from '../in-memory-lab';

/** A command a page shows that the docs cannot run as written. */
export class DocumentedCommandError extends FixableError {
  override name = 'DocumentedCommandError';
}

/** What a page's commands run against: one server for the whole page, as a reader following it has. */
export interface DocsSession {
  /** The app on a fresh in-memory SQLite database with the 20-user seed, created at the page's first curl. */
  lab(): Promise<InMemoryLab>;
  close(): Promise<void>;
}

export const SEEDED_USERS = 20;

export function docsSession(): DocsSession {
  let lab: Promise<InMemoryLab> | undefined;
  return {
    lab: () => {
      lab ??= createInMemoryLab(SEEDED_USERS);
      return lab;
    },
    close: async () => {
      await (await lab)?.close();
    },
  };
}

type Word = string;

/** One shell line (its `\` continuations joined) → what it prints. */
export async function runDocumentedCommand(line: string, session: DocsSession): Promise<string> {
  const parsed = parseShell(line);
  const stages: Word[][] = [[]];
  for (const token of parsed) {
    if (typeof token === 'string') stages.at(-1)!.push(token);
    else if ('op' in token && token.op === '|') stages.push([]);
    else throw new DocumentedCommandError(`the docs run no shell operator but "|"; got ${JSON.stringify(token)} in: ${line}`);
  }
  const [first, ...filters] = stages;
  let output = await runProgram(first!, session, line);
  for (const filter of filters) output = runFilter(filter, output, line);
  return output;
}

async function runProgram(words: Word[], session: DocsSession, line: string): Promise<string> {
  if (words[0] === 'npm' && words[1] === 'run' && words[2] === 'compare' && (words.length === 3 || words[3] === '--')) {
    const values = parseFlags(COMPARE_COMMAND, words.slice(4));
    if (values === 'help') throw new DocumentedCommandError(`--help is not a lesson: ${line}`);
    return compareOutput(values as FlagValues<typeof COMPARE_COMMAND.flags>);
  }
  if (words[0] === 'curl') return curl(words.slice(1), session, line);
  throw new DocumentedCommandError(
    `the docs can run \`npm run compare -- …\` and \`curl … | jq … | grep …\`; mark any other command <!-- not run: why -->: ${line}`,
  );
}

/** curl's -s, -i, -H and -d, as curl does them: -d without a content type is sent as a form. */
async function curl(args: Word[], session: DocsSession, line: string): Promise<string> {
  let url: string | undefined;
  let body: string | undefined;
  let includeHeaders = false;
  const headers = new Headers();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '-s') continue;
    if (arg === '-i' || arg === '-si' || arg === '-is') {
      includeHeaders = true;
      continue;
    }
    if (arg === '-H' || arg === '-d') {
      const value = args[++index];
      if (value === undefined) throw new DocumentedCommandError(`curl ${arg} needs a value: ${line}`);
      if (arg === '-d') body = value;
      else {
        const colon = value.indexOf(':');
        headers.append(value.slice(0, colon).trim(), value.slice(colon + 1).trim());
      }
      continue;
    }
    if (arg.startsWith('-')) throw new DocumentedCommandError(`the docs' curl takes -s, -i, -H and -d; got ${arg}: ${line}`);
    url = arg;
  }
  const address = url?.match(/^(?:http:\/\/)?localhost:4000(\/.*)$/);
  if (!address) throw new DocumentedCommandError(`the docs' curl talks to localhost:4000, as npm start serves; got ${url}: ${line}`);
  if (body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded');
  const { app } = await session.lab();
  const response = await app.fetch(`http://localhost:4000${address[1]}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    body,
  });
  const text = await response.text();
  if (!includeHeaders) return text.endsWith('\n') ? text : `${text}\n`;
  const head = [`HTTP/1.1 ${response.status} ${response.statusText}`.trimEnd()];
  for (const [name, value] of response.headers) head.push(`${name}: ${value}`);
  return `${head.join('\n')}\n\n${text}\n`;
}

function runFilter(words: Word[], input: string, line: string): string {
  const [program, ...args] = words;
  if (program === 'jq') return jq(args, input, line);
  if (program === 'grep') return grep(args, input, line);
  throw new DocumentedCommandError(`the docs pipe into jq or grep only; got ${program}: ${line}`);
}

/** grep [-E] [-i] PATTERN: the lines that match (extended regular expressions are JavaScript's, for these pages). */
function grep(args: Word[], input: string, line: string): string {
  const flags = args.filter((arg) => arg.startsWith('-'));
  const patterns = args.filter((arg) => !arg.startsWith('-'));
  if (patterns.length !== 1 || flags.some((flag) => !['-E', '-i', '-Ei', '-iE'].includes(flag))) {
    throw new DocumentedCommandError(`the docs' grep takes -E, -i and one pattern: ${line}`);
  }
  const pattern = new RegExp(patterns[0]!, flags.some((flag) => flag.includes('i')) ? 'i' : '');
  const lines = input.split('\n').filter((text) => pattern.test(text));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * jq [-c] [-r] FILTER, for filters made of `|`-separated steps: a path (`.a.b`, `.a[0]`, `.a[]`), an object of
 * keys (`{a, b}`), `length` or `keys`. Enough to pick numbers out of a response; anything else is refused.
 */
function jq(args: Word[], input: string, line: string): string {
  const compact = args.includes('-c');
  const raw = args.includes('-r');
  const filters = args.filter((arg) => !arg.startsWith('-'));
  if (filters.length !== 1 || args.some((arg) => arg.startsWith('-') && !['-c', '-r'].includes(arg))) {
    throw new DocumentedCommandError(`the docs' jq takes -c, -r and one filter: ${line}`);
  }
  let values: unknown[] = [JSON.parse(input)];
  for (const step of filters[0]!.split('|').map((part) => part.trim())) {
    values = values.flatMap((value) => jqStep(step, value, line));
  }
  return values
    .map((value) => (raw && typeof value === 'string' ? value : JSON.stringify(value, null, compact ? undefined : 2)))
    .map((text) => `${text}\n`)
    .join('');
}

function jqStep(step: string, value: unknown, line: string): unknown[] {
  if (step === 'length') return [Array.isArray(value) || typeof value === 'string' ? value.length : Object.keys(value as object).length];
  if (step === 'keys') return [Object.keys(value as object).sort()];
  const object = step.match(/^\{\s*([\w\s,]+?)\s*\}$/);
  if (object) {
    const record = value as Record<string, unknown>;
    return [Object.fromEntries(object[1]!.split(',').map((key) => [key.trim(), record?.[key.trim()] ?? null]))];
  }
  if (!/^(\.[\w-]*|\[\d*\])+$/.test(step) && step !== '.') throw new DocumentedCommandError(`the docs' jq cannot run "${step}": ${line}`);
  let current: unknown[] = [value];
  for (const [, key, index] of step.matchAll(/\.([\w-]*)|\[(\d*)\]/g)) {
    current = current.flatMap((item) => {
      if (key !== undefined) return key === '' ? [item] : [(item as Record<string, unknown> | null)?.[key] ?? null];
      if (index === '') return item as unknown[];
      return [(item as unknown[])[Number(index)] ?? null];
    });
  }
  return current;
}
