import type { Registry } from 'prom-client';
import { type Operation, sendOperation } from '../../lab/client';
import { createApp } from '../../src/app';
import { loadConfig, type MetricsConfig } from '../../src/config';
import type { Orm } from '../../src/db/orm';
import { createLogger } from '../../src/logger';
import { parseMetrics, type Sample } from './metrics-text';

/** The labels of EXAMPLE_OPERATIONS.usersOrdersItemsProducts on the request metrics. */
export const USERS_ORDERS_ITEMS_PRODUCTS = { operationName: 'UsersOrdersItemsProducts', operationType: 'query' };

/** An app of its own (so its own registry: every test starts from zero) on the seeded database `orm`. */
export function appWith(orm: Orm, metrics: Partial<MetricsConfig> = {}, options: { registry?: Registry; queryStats?: boolean } = {}) {
  const { registry, queryStats = true } = options;
  const config = { ...loadConfig({}), queryStats, graphiql: false };
  const logger = createLogger({ level: 'silent', pretty: false });
  const app = createApp({ orm, logger, registry, config: { ...config, metrics: { enabled: true, labelLimit: 100, ...metrics } } });
  return {
    app,
    gql: (query: string, options: Omit<Operation, 'query'> = {}) => sendOperation(app, { query, ...options }),
    scrape: async (): Promise<Sample[]> => {
      const response = await app.fetch('http://lab/metrics');
      expect(response.status).toBe(200);
      return parseMetrics(await response.text());
    },
  };
}
