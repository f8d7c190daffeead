import type autocannon from 'autocannon';
import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { STRATEGY_HEADER, STRATEGY_NAMES, type StrategyName } from '../../src/strategies';

export interface StrategyCounts {
  responses: number;
  /** Answered with anything but a 2xx. */
  non2xx: number;
  /** 2xx, but the body carried GraphQL errors. */
  graphqlErrors: number;
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
        if (status < 200 || status > 299) count.non2xx += 1;
        else if (body.includes('"errors"')) count.graphqlErrors += 1;
      },
    }));
  });
}

export function emptyCounts(): Record<StrategyName, StrategyCounts> {
  return Object.fromEntries(STRATEGY_NAMES.map((name) => [name, { responses: 0, non2xx: 0, graphqlErrors: 0 }])) as Record<
    StrategyName,
    StrategyCounts
  >;
}
