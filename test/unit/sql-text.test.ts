import { context, ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { sanitizeSql } from '../../src/db/sql-text';
import { commentTraceContext } from '../../src/db/trace-comment';
import { sqlSpanName } from '../../src/telemetry/sql-span-name';

describe('sanitizeSql', () => {
  test('keeps placeholders and identifiers', () => {
    const sql = 'select `o1`.`id` as `o1__id`, "u0".* from "users" as "u0" where "u0"."id" in (?, ?) limit ?';
    expect(sanitizeSql(sql)).toBe(sql);
  });

  test('replaces inlined strings and numbers', () => {
    expect(sanitizeSql("select * from users where email = 'a''b@example.com' and id = 42 limit 5 offset -1")).toBe(
      'select * from users where email = ? and id = ? limit ? offset ?',
    );
  });
});

describe("the trace context as a SQL comment (MikroORM's onQuery)", () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const spanId = '00f067aa0ba902b7';
  const inSpan = <T>(traceFlags: TraceFlags, run: () => T) =>
    context.with(trace.setSpan(ROOT_CONTEXT, trace.wrapSpanContext({ traceId, spanId, traceFlags })), run);
  const sql = 'select "o0".* from "orders" as "o0" where "o0"."user_id" in (?, ?)';
  beforeAll(() => context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
  afterAll(() => context.disable());

  test("inside a span: the caller's traceparent appended, sqlcommenter's format", () => {
    expect(inSpan(TraceFlags.SAMPLED, () => commentTraceContext(sql))).toBe(`${sql} /*traceparent='00-${traceId}-${spanId}-01'*/`);
  });

  test('outside any span (tracing off, start-up, the seed): the statement unchanged', () => {
    expect(commentTraceContext(sql)).toBe(sql);
  });

  test('sanitizeSql drops the comment again: spans, logs and queryStats never carry a trace id', () => {
    expect(sanitizeSql(inSpan(TraceFlags.SAMPLED, () => commentTraceContext(sql)))).toBe(sql);
    expect(sanitizeSql(inSpan(TraceFlags.NONE, () => commentTraceContext('select 1')))).toBe('select ?');
  });
});

describe('sqlSpanName', () => {
  test.each([
    ['select `u0`.* from `users` as `u0` where `u0`.`id` = ?', 'SELECT users'],
    ['select `u0`.*, (select count(*) from orders where orders.user_id = `u0`.id) as `order_count` from `users` as `u0`', 'SELECT users'],
    ['select `u0`.* from `users` as `u0` where `u0`.`id` in (select `u0`.`id` from (select `u0`.`id` from `users` as `u0`) as `u0`)', 'SELECT users'],
    ['select "o0"."user_id", count(*) as order_count from "orders" as "o0" group by "o0"."user_id"', 'SELECT orders'],
    ['insert into `order_items` (`id`) values (?)', 'INSERT order_items'],
    ['update "orders" set "status" = ?', 'UPDATE orders'],
    ['begin', 'BEGIN'],
    ['vacuum', 'SQL'],
  ])('%s → %s', (sql, name) => {
    expect(sqlSpanName(sql).name).toBe(name);
  });
});
