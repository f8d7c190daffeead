import type { Timeline, TimelineSummary } from '../../src/timeline/shape';
import type { TestApp } from './test-app';

/** GETs one of the lab's JSON endpoints from the in-process app. */
export async function labGet<T>(lab: Pick<TestApp, 'app'>, path: string): Promise<{ status: number; body: T }> {
  const response = await lab.app.fetch(`http://graphql-n1-lab${path}`);
  return { status: response.status, body: (await response.json()) as T };
}

/** Runs `query` under `strategy` and returns the timeline its response names, checked against its header. */
export async function timelineOf(
  lab: Pick<TestApp, 'app' | 'gql'>,
  query: string,
  strategy: string,
  variables?: Record<string, unknown>,
): Promise<Timeline> {
  const reply = await lab.gql(query, { strategy, variables });
  const { requestId, url } = (reply.body.extensions as { lab: { requestId: string; url: string } }).lab;
  expect(reply.headers.get('x-lab-request-id')).toBe(requestId);
  expect(url).toBe(`http://graphql-n1-lab/lab#request=${requestId}`);
  const { status, body } = await labGet<Timeline>(lab, `/lab/requests/${requestId}`);
  expect(status).toBe(200);
  return body;
}

export const recentRequests = (lab: Pick<TestApp, 'app'>) => labGet<TimelineSummary[]>(lab, '/lab/requests');
