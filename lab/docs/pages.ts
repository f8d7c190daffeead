/**
 * The documentation's checked parts. In README.md and every lesson in docs/guide/, a ```sh block is either run
 * (followed by `<!-- output -->` and a fenced block with what it printed) or says why not (`<!-- not run: why -->`
 * before it). `<!-- generated: NAME -->` … `<!-- /generated -->` holds text made from the project's own files.
 * `npm run docs` writes the outputs and generated parts; `npm test` runs them again and compares.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FixableError } from '../../src/errors';
import { type DocsSession, docsSession, runDocumentedCommand } from './documented-commands';
import { GENERATED_PARTS } from './generated-parts';

export const ROOT = path.join(__dirname, '..', '..');
const GUIDE = path.join(ROOT, 'docs', 'guide');

/** The pages whose commands are run: the README and the lessons, in the guide's order. */
export function commandPages(): string[] {
  const lessons = fs.existsSync(GUIDE)
    ? fs
        .readdirSync(GUIDE)
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => path.join(GUIDE, name))
    : [];
  return [path.join(ROOT, 'README.md'), ...lessons];
}

/** A page's problem: names the page, its line, and what to do. */
export class DocPageError extends FixableError {
  override name = 'DocPageError';
}

export interface RunBlock {
  /** The shell lines, `\` continuations joined, comment-only lines dropped. */
  commands: string[];
  /** 0-based line indexes of the output block's content: [first, end). */
  output: [number, number];
}

export interface GeneratedBlock {
  name: string;
  content: [number, number];
}

export interface ParsedPage {
  file: string;
  lines: string[];
  runs: RunBlock[];
  generated: GeneratedBlock[];
  /** ```sh blocks that are neither run nor marked `not run`, by 1-based line. */
  unaccounted: number[];
}

const NOT_RUN = /^<!-- not run: \S.*-->$/;
const OUTPUT = '<!-- output -->';

export function parsePage(file: string, text = fs.readFileSync(file, 'utf8')): ParsedPage {
  const lines = text.split('\n');
  const page: ParsedPage = { file, lines, runs: [], generated: [], unaccounted: [] };
  const where = (index: number) => `${path.relative(ROOT, file)}:${index + 1}`;
  for (let index = 0; index < lines.length; index++) {
    const generated = lines[index]!.match(/^<!-- generated: ([\w-]+) -->$/);
    if (generated) {
      const end = lines.indexOf('<!-- /generated -->', index);
      if (end < 0) throw new DocPageError(`${where(index)}: <!-- generated: ${generated[1]} --> has no <!-- /generated -->`);
      page.generated.push({ name: generated[1]!, content: [index + 1, end] });
      index = end;
      continue;
    }
    if (!/^```(sh|bash)\s*$/.test(lines[index]!)) continue;
    const end = closingFence(lines, index, where);
    const before = previousNonBlank(lines, index);
    const after = nextNonBlank(lines, end + 1);
    if (after !== undefined && lines[after] === OUTPUT) {
      const open = nextNonBlank(lines, after + 1);
      if (open === undefined || !/^```\w*$/.test(lines[open]!))
        throw new DocPageError(`${where(after)}: ${OUTPUT} must be followed by a fenced block`);
      const close = closingFence(lines, open, where);
      page.runs.push({ commands: shellCommands(lines.slice(index + 1, end)), output: [open + 1, close] });
    } else if (before === undefined || !NOT_RUN.test(lines[before]!)) {
      page.unaccounted.push(index + 1);
    }
    index = end;
  }
  return page;
}

/** The page with every output and generated part made again (commands run in order, on one session per page). */
export async function regeneratePage(page: ParsedPage): Promise<string> {
  const session: DocsSession = docsSession();
  const replacements: Array<{ range: [number, number]; text: string }> = [];
  try {
    for (const run of page.runs) {
      let output = '';
      for (const command of run.commands) output += await runDocumentedCommand(command, session);
      replacements.push({ range: run.output, text: output.replace(/\n+$/, '') });
    }
  } finally {
    await session.close();
  }
  for (const part of page.generated) {
    const make = GENERATED_PARTS[part.name];
    if (!make) throw new DocPageError(`${path.relative(ROOT, page.file)}: no generated part named "${part.name}" (lab/docs/generated-parts.ts)`);
    replacements.push({ range: part.content, text: (await make()).replace(/\n+$/, '') });
  }
  const lines = [...page.lines];
  for (const { range, text } of replacements.sort((a, b) => b.range[0] - a.range[0])) {
    lines.splice(range[0], range[1] - range[0], ...(text === '' ? [] : text.split('\n')));
  }
  return lines.join('\n');
}

/**
 * What must match between a page and a fresh run: everything but the clock. Decimal numbers (milliseconds),
 * percentages, Server-Timing durations and the size of a body that carries them vary from run to run; counts,
 * rows, bytes fetched and SQL do not.
 */
export function withoutTimes(text: string): string {
  return (
    text
      .replace(/dur=[\d.]+/g, 'dur=…')
      // The response's own size: its body carries the times, whose digits vary.
      .replace(/(total;dur=…;desc=")\d+ bytes"/g, '$1… bytes"')
      .replace(/-?\d+(\.\d+)?%/g, '…%')
      .replace(/\d[\d,]*\.\d+/g, '…')
      .replace(/[ \t]+/g, ' ')
      .replace(/-{3,}/g, '---')
  );
}

function closingFence(lines: string[], open: number, where: (index: number) => string): number {
  const fence = lines[open]!.match(/^`{3,}/)![0];
  for (let index = open + 1; index < lines.length; index++) if (lines[index] === fence) return index;
  throw new DocPageError(`${where(open)}: a fenced block that never closes`);
}

function previousNonBlank(lines: string[], index: number): number | undefined {
  for (let at = index - 1; at >= 0; at--) if (lines[at]!.trim()) return at;
  return undefined;
}

function nextNonBlank(lines: string[], index: number): number | undefined {
  for (let at = index; at < lines.length; at++) if (lines[at]!.trim()) return at;
  return undefined;
}

function shellCommands(block: string[]): string[] {
  const commands: string[] = [];
  let pending = '';
  for (const line of block) {
    if (!pending && /^\s*(#.*)?$/.test(line)) continue;
    if (line.endsWith('\\')) pending += `${line.slice(0, -1)} `;
    else {
      commands.push(`${pending}${line}`.trim());
      pending = '';
    }
  }
  return commands;
}
