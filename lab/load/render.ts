import { textTable } from '../../src/text-table';
import { type LoadReport, MEMORY_TARGETS } from './report';
import type { SideBySideReport } from './side-by-side';
import { type WriteReport, writesHold } from './writes';

const MIB = 1024 * 1024;
const mib = (bytes: number) => (bytes / MIB).toFixed(1);

/** The report as text: the run, the machine and versions, a table per strategy, errors, memory, the SIGTERM. */
export function renderLoadReport(report: LoadReport): string {
  const { options, machine, versions, requests, latencyMs, errors, memory, sigterm } = report;
  const strategies = Object.keys(requests.byStrategy);
  const rows = Object.entries(requests.byStrategy).map(([name, count]) => [name, count.responses, count.non2xx, count.graphqlErrors].map(String));
  const errorCount = errors.connection + errors.timeouts + errors.non2xx + errors.graphql;
  const lines = [
    `graphql-n1-lab under load: ${held(options)} at ${options.connections} connections, ` +
      `every example operation under ${strategies.join(', ')} in turn`,
    `server: ${memory.server.command}${memory.server.nodeOptions ? ` (NODE_OPTIONS=${memory.server.nodeOptions})` : ''}, ` +
      `on ${report.database} (${options.users} users${options.first === undefined ? '' : `, first: ${options.first}`}); ` +
      `Node ${versions.node}, autocannon ${versions.autocannon}`,
    `machine: ${machine.cores} × ${machine.cpu}, ${mib(machine.memoryBytes)} MiB, ${machine.os}`,
    '',
    ...textTable(['strategy', 'responses', 'non-2xx', 'GraphQL errors'], rows, [false, true, true, true]),
    ...Object.entries(requests.byStrategy).flatMap(([name, count]) =>
      Object.entries(count.failedBecause).map(([reason, times]) => `  ${name} failed: ${times} × ${reason}`),
    ),
    '',
    `requests: ${requests.total} in ${report.seconds} s (${requests.perSecond}/s); latency p50 ${latencyMs.p50} ms, ` +
      `p90 ${latencyMs.p90} ms, p99 ${latencyMs.p99} ms, max ${latencyMs.max} ms`,
    `errors: ${errorCount} (connection ${errors.connection}, timeouts ${errors.timeouts}, non-2xx ${errors.non2xx}, ` + `GraphQL ${errors.graphql})`,
    ...renderMemory(report),
    ...renderRuntime(report),
  ];
  if (sigterm) {
    lines.push(
      `SIGTERM at ${sigterm.atSeconds} s: ${sigterm.inFlight} requests in flight, ${sigterm.answered} answered 2xx, ` +
        `${sigterm.failed} failed; ${sigterm.refusedAfter} connection errors after it (the port is closed, as it should be)`,
      `server stopped: ${sigterm.finished} finished while draining, ${sigterm.cut} cut`,
    );
  }
  if (report.writes) lines.push(...renderWrites(report.writes));
  for (const [cause, times] of Object.entries(report.databaseUnavailable)) lines.push(`the server logged: ${times} × database unavailable: ${cause}`);
  lines.push(`server exit: ${report.exitCode ?? 'none (killed)'} after ${report.exitMs} ms`, report.ok ? 'OK' : 'FAILED', '');
  return lines.join('\n');
}

/** Both runs in full, then the two side by side: what the first start costs against the second. */
export function renderSideBySide({ runs, requestsRatio, ok }: SideBySideReport): string {
  const perRequest = (run: LoadReport) => (run.runtime ? ((run.runtime.cpuSeconds * 1000) / run.requests.total).toFixed(1) : '-');
  const collections = (run: LoadReport) => `${run.runtime?.gc.major?.count ?? 0} / ${run.runtime?.gc.minor?.count ?? 0}`;
  const rows = [
    ['requests', ...runs.map((run) => String(run.requests.total)), `${requestsRatio}×`],
    ['server CPU ms per request', ...runs.map(perRequest), ''],
    ['full collections / scavenges', ...runs.map(collections), ''],
    ['peak RSS MiB', ...runs.map((run) => (run.memory.peakRssBytes === null ? '-' : mib(run.memory.peakRssBytes))), ''],
  ];
  const [first, second] = runs.map(
    (run) => run.options.start + (run.options.nodeOptions === undefined ? '' : ` (NODE_OPTIONS=${run.options.nodeOptions})`),
  );
  return [
    ...runs.map(renderLoadReport),
    `side by side, loaded at the same time on this machine, each on its own database` +
      `${runs[0].options.memoryLimitMiB === undefined ? '' : ` and in a cgroup limited to ${runs[0].options.memoryLimitMiB} MiB`}: ${first} against ${second}`,
    ...textTable(['', runs[0].options.start, runs[1].options.start, 'first / second'], rows, [false, true, true, true]),
    ok ? 'OK' : 'FAILED',
    '',
  ].join('\n');
}

function renderWrites(writes: WriteReport): string[] {
  return [
    `writes: ${writes.acknowledged} orders acknowledged, ${writes.refused} refused, ${writes.unanswered ?? 0} unanswered, ${writes.priceUpdates} price updates; ` +
      `the database after the run: ${writes.ordersPlaced} orders placed, ${writes.lost} lost, ${writes.duplicated} duplicated, ` +
      `${writes.inconsistent} not adding up (${writesHold(writes) ? 'consistent' : 'INCONSISTENT'})`,
    ...(writes.placedFor ? [`  placed for users ${writes.placedFor.join(', ')}: the seed's last, whom no read in the mix sees`] : []),
    ...Object.entries(writes.refusedBecause ?? {}).map(([reason, count]) => `  refused: ${count} × ${reason}`),
  ];
}

function renderMemory({ memory }: LoadReport): string[] {
  const { idle, baseline, samples, peakRssBytes, leakCheck } = memory;
  const last = samples.at(-1)!;
  const heaps = samples.map((sample) => sample.heapUsedBytes);
  const lines = [
    `memory of the server (RSS / heap used, MiB): idle after start ${mib(idle.rssBytes)} / ${mib(idle.heapUsedBytes)}` +
      `${target(idle.rssBytes, MEMORY_TARGETS.idleRssBytes)}; after a full GC ${mib(baseline.rssBytes)} / ${mib(baseline.heapUsedBytes)}; ` +
      `as the load stopped ${mib(last.rssBytes)} / ${mib(last.heapUsedBytes)}`,
    `  peak RSS ${peakRssBytes === null ? 'unknown' : mib(peakRssBytes)}${peakRssBytes === null ? '' : target(peakRssBytes, MEMORY_TARGETS.peakRssBytes)}; ` +
      `heap used between ${mib(Math.min(...heaps))} and ${mib(Math.max(...heaps))} over ${samples.length} samples`,
  ];
  if (memory.container) {
    const { limitBytes, peakBytes, oomKills } = memory.container;
    lines.push(
      `  in a cgroup limited to ${mib(limitBytes)} MiB, as a container's memory limit: charged at most ` +
        `${peakBytes === null ? 'unknown' : `${mib(peakBytes)} MiB`} (what the kernel counts against the limit); killed for want of memory ${oomKills} times`,
    );
  }
  if (leakCheck) {
    lines.push(
      `  leak check: after the load and a full GC, heap used ${mib(leakCheck.final.heapUsedBytes)} MiB, ` +
        `${leakCheck.heapGrowthBytes >= 0 ? '+' : ''}${mib(leakCheck.heapGrowthBytes)} MiB from the baseline ` +
        `(limit +${mib(leakCheck.limitBytes)}): ${leakCheck.passed ? 'passed' : 'FAILED'}; RSS ${mib(leakCheck.final.rssBytes)} MiB`,
    );
  } else lines.push('  leak check: not measured (SIGTERM during the run)');
  return lines;
}

function renderRuntime({ runtime, seconds }: LoadReport): string[] {
  if (!runtime) return [];
  const kinds = Object.entries(runtime.gc).filter(([, { count }]) => count > 0);
  const gcSeconds = kinds.reduce((sum, [, kind]) => sum + kind.seconds, 0);
  return [
    `server CPU over the load: ${runtime.cpuSeconds.toFixed(1)} s in ${seconds} s (${(runtime.cpuSeconds / seconds).toFixed(2)} cores); ` +
      `paused for garbage collection ${gcSeconds.toFixed(1)} s (${((100 * gcSeconds) / seconds).toFixed(1)}% of the time; ` +
      `${kinds.map(([kind, { seconds: spent, count }]) => `${kind} ${spent.toFixed(1)} s in ${count}`).join(', ')})`,
  ];
}

/** " (target ≤ X MiB: met)" */
function target(bytes: number, limit: number): string {
  return ` (target ≤ ${mib(limit)}: ${bytes <= limit ? 'met' : 'NOT met'})`;
}

function held({ durationSeconds, sigtermAtSeconds }: LoadReport['options']): string {
  return sigtermAtSeconds === undefined ? `${durationSeconds} s` : `${sigtermAtSeconds} s (of ${durationSeconds}, then SIGTERM)`;
}
