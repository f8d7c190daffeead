import fs from 'node:fs';
import path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../kit/vega';
import { renderLoadReport } from './render';
import { type LoadReport, MEMORY_TARGETS } from './report';

const MIB = 1024 * 1024;

/**
 * The run as files beside each other, for docs/load/: `<stem>.json` (the report), `<stem>.svg` (the memory
 * over time) and `<stem>.md` (the command, the plot, the text report). Returns the paths written.
 */
export async function writeLoadReport(report: LoadReport, stem: string, command: string): Promise<string[]> {
  fs.mkdirSync(path.dirname(stem), { recursive: true });
  const name = path.basename(stem);
  const files = [`${stem}.json`, `${stem}.svg`, `${stem}.md`];
  fs.writeFileSync(files[0]!, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(files[1]!, await renderSvg(memorySpec(report)));
  const title = report.options.sigtermAtSeconds === undefined ? 'Soak' : 'Load with SIGTERM';
  fs.writeFileSync(
    files[2]!,
    [
      `# ${title}: ${report.database}, ${report.seconds} s at ${report.options.connections} connections`,
      '',
      `- Command: \`${command}\` (${new Date().toISOString()})`,
      `- Verdict: ${report.ok ? 'OK' : 'FAILED'} (no errors, a clean exit${report.memory.leakCheck ? ', the leak check' : ''}` +
        `${report.memory.container ? ', no OOM kill' : ''}); the raw report: [${name}.json](${name}.json)`,
      '',
      `![RSS and heap used over the run](${name}.svg)`,
      '',
      '```text',
      renderLoadReport(report).trimEnd(),
      '```',
      '',
    ].join('\n'),
  );
  return files;
}

/** RSS and heap used (MiB) against seconds into the load, with the peak-RSS target as a dashed line. */
function memorySpec({ memory, database }: LoadReport): TopLevelSpec {
  const values = memory.samples.flatMap(({ atSeconds, rssBytes, heapUsedBytes }) => [
    { seconds: atSeconds, series: 'RSS', mib: rssBytes / MIB },
    { seconds: atSeconds, series: 'heap used', mib: heapUsedBytes / MIB },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: "The server's memory under load",
      subtitle:
        `${database}; ${memory.server.nodeOptions ?? 'no NODE_OPTIONS'}` +
        (memory.container ? `; in a cgroup limited to ${memory.container.limitBytes / MIB} MiB` : ''),
    },
    width: 520,
    height: 260,
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: { size: 12 } },
        encoding: {
          x: { field: 'seconds', type: 'quantitative', title: 'seconds into the load' },
          y: { field: 'mib', type: 'quantitative', title: 'MiB', scale: { domainMin: 0 } },
          color: { field: 'series', type: 'nominal', title: null },
        },
      },
      {
        data: { values: [{ mib: MEMORY_TARGETS.peakRssBytes / MIB, label: `peak RSS target ${MEMORY_TARGETS.peakRssBytes / MIB} MiB` }] },
        layer: [
          { mark: { type: 'rule', strokeDash: [4, 3], color: 'gray' }, encoding: { y: { field: 'mib', type: 'quantitative' } } },
          {
            mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: 'gray' },
            encoding: { y: { field: 'mib', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' } },
          },
        ],
      },
    ],
  };
}
