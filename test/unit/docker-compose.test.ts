import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** No Docker engine runs in CI, so this pins the compose file's contract instead of starting it. */
const compose = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8'));

describe('docker-compose.yml', () => {
  test('Jaeger v2 all-in-one with OTLP/HTTP on 4318 and the UI on 16686', () => {
    expect(compose.services.jaeger.image).toMatch(/^jaegertracing\/jaeger:2\.\d+\.\d+$/);
    expect(compose.services.jaeger.ports).toEqual(expect.arrayContaining(['16686:16686', '4318:4318']));
  });

  test('PostgreSQL 15 whose URL the traces lesson and the app service use', () => {
    const { environment, image, healthcheck } = compose.services.postgres;
    expect(image).toBe('postgres:15');
    expect(healthcheck.test).toContain('pg_isready');
    const url = `postgres://${environment.POSTGRES_USER}:${environment.POSTGRES_PASSWORD}@postgres:5432/${environment.POSTGRES_DB}`;
    expect(compose.services.app.environment.DATABASE_URL).toBe(url);
    const lesson = path.join(__dirname, '..', '..', 'docs', 'guide', '09-traces.md');
    expect(fs.readFileSync(lesson, 'utf8')).toContain(url.replace('@postgres:', '@localhost:'));
  });

  test('the app service builds the production image, limited to 512 MiB, exports traces to Jaeger and waits for PostgreSQL', () => {
    const { app } = compose.services;
    expect(app.build).toBe('.');
    expect([app.image, app.command]).toEqual([undefined, undefined]); // the Dockerfile's CMD: node, no npm
    expect(app.environment).toMatchObject({ QUERY_STATS: 'on', GRAPHIQL: 'on', LAB_HISTORY: '100' });
    expect(app.environment.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://jaeger:4318');
    expect(app.depends_on.postgres.condition).toBe('service_healthy');
    expect(app.ports).toContain('4000:4000');
    // What npm run load --memory-limit 512 measures the image in (docs/guide/10-production.md).
    expect(app.mem_limit).toBe('512m');
  });

  test('Prometheus 3 with prometheus/ mounted as its configuration (scraping the app, the rules loaded) on 9090', () => {
    const { prometheus } = compose.services;
    expect(prometheus.image).toMatch(/^prom\/prometheus:v3\.\d+\.\d+$/);
    expect(prometheus.command).toEqual(['--config.file=/etc/prometheus/prometheus.yml']);
    expect(prometheus.volumes).toEqual(['./prometheus:/etc/prometheus:ro']);
    expect(prometheus.ports).toContain('9090:9090');
    expect(prometheus.extra_hosts).toEqual(['host.docker.internal:host-gateway']);
  });
});
