/**
 * Relative links in the project's Markdown: each must name a file that exists and, with `#anchor`, a heading of
 * that page (anchors as GitHub makes them). Web links are not fetched: nothing here reaches the network.
 */
import fs from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git', 'data', 'coverage']);

/** Every Markdown file in the project, outside dependencies, builds and test fixtures. */
export function markdownFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && full !== path.join(root, 'test', 'fixtures')) walk(full);
      } else if (entry.name.endsWith('.md')) found.push(full);
    }
  };
  walk(root);
  return found.sort();
}

/** The anchors GitHub gives a page's headings. */
export function headingAnchors(text: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^```/.test(line)) fenced = !fenced;
    const heading = !fenced && line.match(/^#{1,6}\s+(.*?)\s*#*$/);
    if (!heading) continue;
    // GitHub slugs the heading's rendered text: code spans, emphasis and link targets are not part of it.
    const rendered = heading[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '');
    anchors.add(slugger.slug(rendered));
  }
  return anchors;
}

/** `file:line: what is wrong` for every broken relative link in `files`. */
export function brokenLinks(root: string, files: string[]): string[] {
  const problems: string[] = [];
  // A page is read and slugged once, however many links point into it.
  const anchors = new Map<string, Set<string>>();
  const anchorsOf = (file: string) => {
    if (!anchors.has(file)) anchors.set(file, headingAnchors(fs.readFileSync(file, 'utf8')));
    return anchors.get(file)!;
  };
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    let fenced = false;
    text.split('\n').forEach((line, index) => {
      if (/^\s*```/.test(line)) fenced = !fenced;
      if (fenced) return;
      const withoutCode = line.replace(/`[^`]*`/g, '');
      for (const [, target] of withoutCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        if (/^[a-z][a-z+.-]*:/i.test(target!)) continue;
        const [pathPart, anchor] = target!.split('#') as [string, string | undefined];
        const resolved = pathPart ? path.resolve(path.dirname(file), decodeURIComponent(pathPart)) : file;
        const where = `${path.relative(root, file)}:${index + 1}`;
        if (!fs.existsSync(resolved)) {
          problems.push(`${where}: ${target} names no file`);
          continue;
        }
        if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) {
          problems.push(`${where}: ${target}: ${path.relative(root, resolved)} has no heading #${anchor}`);
        }
      }
    });
  }
  return problems;
}
