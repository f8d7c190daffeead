/** Tables as the commands print them: plain text for a terminal (and --help), Markdown for the reports. */
/** A plain-text table: columns as wide as their widest cell, two spaces apart, a dashed rule under the header. */
export function textTable(header: string[], rows: string[][], alignRight: boolean[]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => (alignRight[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...rows.map(format)];
}

/** A Markdown table: the first column left-aligned, every other one right-aligned (numbers). */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}
