import type autocannon from 'autocannon';
import { Kind, parse, type ValueNode } from 'graphql';
import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { STRATEGY_HEADER, STRATEGY_NAMES, type StrategyName } from '../../src/strategies';

export interface StrategyCounts {
  responses: number;
  /** Answered with anything but a 2xx. */
  non2xx: number;
  /** 2xx, but the body carried GraphQL errors. */
  graphqlErrors: number;
  /** Why those failed, by HTTP status and the first error's code or message: `503 DATABASE_UNAVAILABLE` → how many. */
  failedBecause: Record<string, number>;
}

/**
 * The requests each connection sends in turn, over and over: every example operation under every strategy, each
 * counting what came back for its strategy in `counts`; with `first`, as the operations' `$first` where they take one.
 */
export function mixedRequests(graphqlPath: string, counts: Record<StrategyName, StrategyCounts>, first?: number): autocannon.Request[] {
  return Object.values(EXAMPLE_OPERATIONS).flatMap((query) => {
    const variables = first !== undefined && query.includes('$first:') ? { variables: { first } } : {};
    return STRATEGY_NAMES.map((strategy) => ({
      method: 'POST' as const,
      path: graphqlPath,
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', [STRATEGY_HEADER]: strategy },
      body: JSON.stringify({ query, ...variables }),
      onResponse: (status: number, body: string) => {
        const count = counts[strategy];
        count.responses += 1;
        const failed = status < 200 || status > 299 ? 'non2xx' : body.includes('"errors"') ? 'graphqlErrors' : undefined;
        if (!failed) return;
        count[failed] += 1;
        tally(count.failedBecause, `${status} ${failureOf(body)}`);
      },
    }));
  });
}

/**
 * One rotation of a connection: the writes spread through the reads, one after every so many, so that a run too
 * short for a whole rotation per connection still writes (with the writes last, a 2 s smoke run sent none).
 */
export function spreadWrites<Request>(reads: readonly Request[], writes: readonly Request[]): Request[] {
  const every = Math.max(1, Math.ceil(reads.length / Math.max(1, writes.length)));
  const rotation = reads.flatMap((read, index) => {
    const write = (index + 1) % every === 0 ? writes[(index + 1) / every - 1] : undefined;
    return write === undefined ? [read] : [read, write];
  });
  return [...rotation, ...writes.slice(Math.floor(reads.length / every))];
}

export function emptyCounts(): Record<StrategyName, StrategyCounts> {
  return Object.fromEntries(STRATEGY_NAMES.map((name) => [name, { responses: 0, non2xx: 0, graphqlErrors: 0, failedBecause: {} }])) as Record<
    StrategyName,
    StrategyCounts
  >;
}

/**
 * The highest user id a read of the mix can see: the operations page users from id 1 (`$first`, `first` when given)
 * and read one by id (`$id`), each variable's default read from the operations themselves.
 */
export function usersTheReadsSee(first: number | undefined): number {
  const seen = Object.values(EXAMPLE_OPERATIONS).flatMap((query) =>
    parse(query).definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION
        ? (definition.variableDefinitions ?? []).map(({ variable, defaultValue }) => {
            const fallback = numberOf(defaultValue);
            if (variable.name.value === 'first') return first ?? fallback;
            if (variable.name.value === 'id') return fallback;
            throw new Error(`an example operation takes $${variable.name.value}, which usersTheReadsSee does not know how to bound`);
          })
        : [],
    ),
  );
  return Math.max(...seen);
}

function numberOf(value: ValueNode | undefined): number {
  if (value?.kind === Kind.INT || value?.kind === Kind.STRING) return Number(value.value);
  throw new Error(`an example operation's variable needs a number as its default; got ${value?.kind ?? 'none'}`);
}

/**
 * A failed answer's first error, by its code where it has one (messages name values; codes do not), else its
 * message, cut short; or what the body was instead.
 */
export function failureOf(body: string): string {
  try {
    const error = JSON.parse(body)?.errors?.[0];
    return String(error?.extensions?.code ?? error?.message ?? 'no error in the body').slice(0, 80);
  } catch {
    return `not JSON: ${body.slice(0, 40)}`;
  }
}

/** One more of `key` in `counts`: the reports' "why" tallies (`503 DATABASE_UNAVAILABLE` → how many). */
export function tally(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
