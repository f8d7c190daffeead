import type { Plugin } from 'graphql-yoga';
import type { RequestContext } from '../context';
import { planFindings } from '../stats/plans';
import type { ResolverTracing } from '../telemetry/resolver-spans';
import type { RequestRecords } from '../timeline/record';

/**
 * Completes the request's root span: named by route, with the strategy, await mode, operation and SQL counts as attributes
 * and an event per N+1 found; and answers with a `traceresponse` header (W3C Trace Context's response header,
 * `00-<trace id>-<span id>-<flags>`) so a client can open the trace.
 */
export function useTraceSummary(records: RequestRecords, resolverTracing?: ResolverTracing): Plugin<RequestContext> {
  return {
    onResponse({ request, response }) {
      const record = records.get(request);
      if (!record?.span) return;
      const { span, stats } = record;
      const { traceId, spanId, traceFlags } = span.spanContext();
      for (const finding of stats?.nPlusOne ?? []) {
        span.addEvent('n_plus_one', {
          'graphql.field.path': finding.path,
          'db.query.text': finding.sql,
          'app.query_count': finding.count,
          'app.hint': finding.hint,
        });
      }
      for (const finding of planFindings(stats?.plans)) {
        span.addEvent('plan_finding', { 'db.collection.name': finding.table, 'app.finding': finding.message, 'app.hint': finding.fix });
      }
      const route = new URL(request.url).pathname;
      span.updateName(`${request.method} ${route}`);
      span.setAttributes({
        'http.route': route,
        ...(record.context && { 'app.strategy': record.context.strategyName, 'app.await': record.context.awaitMode }),
        ...(record.operation && { 'graphql.operation.name': record.operation }),
        ...(stats?.write && { 'app.write': stats.write }),
        'app.sql_count': stats?.sqlCount ?? 0,
        'app.round_trips_in_series': stats?.roundTripsInSeries ?? 0,
        'app.rows_fetched': stats?.rowsFetched ?? 0,
        'app.bytes_fetched': stats?.bytesFetched ?? 0,
        ...(record.responseBytes !== undefined && { 'http.response.body.size': record.responseBytes }),
        'app.db_time_ms': record.timeSplit.dbMs,
        'app.orm_time_ms': record.timeSplit.ormMs,
        'app.graphql_time_ms': record.timeSplit.graphqlMs,
        'app.serialization_time_ms': record.timeSplit.serializationMs,
        'app.n_plus_one_count': stats?.nPlusOne.length ?? 0,
        'app.resolver_spans_dropped': record.context && resolverTracing ? resolverTracing.dropped(record.context) : 0,
      });
      response.headers.set('traceresponse', `00-${traceId}-${spanId}-0${traceFlags.toString(16)}`);
    },
  };
}
