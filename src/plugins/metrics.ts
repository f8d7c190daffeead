import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Counter, exponentialBuckets, Histogram, type Registry } from 'prom-client';
import type { RequestContext } from '../context';
import { isScrapeMethod, METHOD_NOT_ALLOWED, METRICS_PATH } from '../metrics/endpoint';
import { BoundedLabels, fieldNamePath, OperationLabels } from '../metrics/labels';
import { redMetrics } from '../metrics/red';
import type { RequestRecords } from '../timeline/record';

export interface MetricsOptions {
  /** This app's registry: never prom-client's global one, so every app (and every test) counts on its own. */
  registry: Registry;
  /** Answer `GET /metrics` on the app's own port; off when METRICS_PORT serves the registry from another. */
  endpoint: boolean;
  /** Operation names, and N+1 field paths, with a label value of their own (see BoundedLabels). */
  labelLimit: number;
}

/** 1, 2, 4 … 1024: statements per request and keys per batch, up to BATCH_MAX_SIZE's default and beyond. */
const COUNT_BUCKETS = exponentialBuckets(1, 2, 11);
/** 1 ms to 10 s: a request's database time on a fast database is a few milliseconds. */
const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Prometheus metrics. RED per operation and strategy from @graphql-yoga/plugin-prometheus (`graphql_envelop_request`,
 * `graphql_envelop_error_result`, `graphql_yoga_http_duration`), with the lab's labels in place of the plugin's
 * own; and the lab's own, per request: SQL statements, database time, DataLoader batch sizes, cache hits and misses, and N+1
 * findings by field path.
 */
export function useMetrics(records: RequestRecords, { registry, endpoint, labelLimit }: MetricsOptions): Plugin<RequestContext> {
  const operations = new OperationLabels(labelLimit);
  const paths = new BoundedLabels(labelLimit);
  const sqlStatements = new Histogram({
    name: 'n1lab_sql_statements',
    help: 'SQL statements per GraphQL request',
    labelNames: ['strategy'],
    buckets: COUNT_BUCKETS,
    registers: [registry],
  });
  const dbTime = new Histogram({
    name: 'n1lab_db_time_seconds',
    help: 'Database time per GraphQL request: wall-clock time with at least one SQL statement in flight',
    labelNames: ['strategy'],
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const batchSize = new Histogram({
    name: 'n1lab_dataloader_batch_size',
    help: 'Keys per DataLoader batch (one IN (…) statement each) under x-strategy: batched',
    labelNames: ['loader'],
    buckets: COUNT_BUCKETS,
    registers: [registry],
  });
  const nPlusOne = new Counter({
    name: 'n1lab_n_plus_one_total',
    help: 'N+1 findings: a field (by field path, aliases resolved) that ran one statement per parent in a request',
    labelNames: ['strategy', 'path'],
    registers: [registry],
  });
  const cacheLookups = new Counter({
    name: 'n1lab_cache_lookups_total',
    help: 'Products looked up in the x-cache store, by store (redis, memory) and result (hit, miss)',
    labelNames: ['store', 'result'],
    registers: [registry],
  });

  return {
    onPluginInit({ addPlugin }) {
      // The plugin reads only Yoga's own context (request, params), which every RequestContext also has.
      // A request can fail (parse, validate, a bad header) before it has a context: its record names the strategy.
      const strategyLabel = (request: Request | undefined) => (request && records.get(request)?.strategyLabel) ?? '(invalid)';
      const red = usePrometheus({ registry, endpoint: endpoint && METRICS_PATH, metrics: redMetrics(registry, operations, strategyLabel) });
      // The Prometheus plugin answers its endpoint whatever the method; a scrape is a GET (or HEAD), as on METRICS_PORT.
      if (endpoint) {
        addPlugin({
          onRequest({ request, url, endResponse }) {
            if (url.pathname === METRICS_PATH && !isScrapeMethod(request.method))
              endResponse(new Response(METHOD_NOT_ALLOWED.body, METHOD_NOT_ALLOWED));
          },
        });
      }
      addPlugin(red as Plugin<RequestContext>);
    },
    onExecute({ args }) {
      operations.executed(args.document, args.operationName);
      return {
        // The request's SQL is complete here: every resolver has settled.
        onExecuteDone() {
          const stats = records.get(args.contextValue.request)?.stats;
          if (!stats) return;
          const { strategyName: strategy } = args.contextValue;
          sqlStatements.observe({ strategy }, stats.sqlCount);
          dbTime.observe({ strategy }, stats.dbTimeMs / 1000);
          for (const batch of args.contextValue.recorder.batches) batchSize.observe({ loader: batch.loader }, batch.keys);
          if (stats.cache) {
            cacheLookups.inc({ store: stats.cache.store, result: 'hit' }, stats.cache.hits);
            cacheLookups.inc({ store: stats.cache.store, result: 'miss' }, stats.cache.misses);
          }
          for (const finding of stats.nPlusOne) {
            nPlusOne.inc({ strategy, path: paths.admit(fieldNamePath(args.document, args.operationName, finding.path)) });
          }
        },
      };
    },
  };
}
