import { appWith } from '../support/metrics-app';
import { samples } from '../support/metrics-text';
import { useTestApp } from '../support/shared-app';
import { TEST_DB } from '../support/test-app';

const lab = useTestApp();

/** The operation, strategy and phase labels on /metrics: bounded by METRICS_LABEL_LIMIT, and one error count per error. */
describe(`/metrics [${TEST_DB}]`, () => {
  test('anonymous operations share one label; names past METRICS_LABEL_LIMIT, or that never ran, are (other)', async () => {
    const { gql, scrape } = appWith(lab.orm, { labelLimit: 2 });
    await gql('query NeverRan { nope }'); // fails validation: takes no room
    await gql('{ users(first: 1) { id } }');
    await gql('query { users(first: 1) { id } }');
    await gql('query A { users(first: 1) { id } }');
    await gql('query B { users(first: 1) { id } }');
    await gql('query C { users(first: 1) { id } }');
    await gql('query A { users(first: 2) { id } }');
    await gql('query X { users(first: 1) { id } } query Y { users(first: 1) { id } }'); // which one? Yoga refuses it
    const metrics = await scrape();

    expect(samples(metrics, 'graphql_envelop_request', { strategy: 'naive' })).toEqual({
      'operationName=(anonymous),operationType=query': 2,
      'operationName=A,operationType=query': 2,
      'operationName=B,operationType=query': 1,
      'operationName=(other),operationType=query': 1,
    });
    expect(samples(metrics, 'graphql_envelop_error_result', { strategy: 'naive' })).toEqual({
      'operationName=(other),operationType=query,phase=validate': 1,
    });
    expect(samples(metrics, 'graphql_yoga_http_duration_count', { strategy: 'naive', statusCode: '400' })).toEqual({
      'operationName=(other),operationType=query': 1,
      'operationName=(unknown),operationType=(unknown)': 1,
    });
  });

  test('errors: by phase, operation and strategy; one per error in a result', async () => {
    const { gql, scrape } = appWith(lab.orm);
    await gql('query Fine { users(first: 1) { id } }');
    await gql('query Fine { users(first: 1) { id } }', { strategy: 'fast' }); // HTTP 400 before any execution
    await gql('query TooMany { users(first: 5000) { id } }');
    await gql('query TwoBad { a: user(id: "-1") { id } b: user(id: "x") { id } }', { strategy: 'batched' });
    await gql('query Broken { users(');
    await gql('{ nope }', { strategy: 'joined' });
    const metrics = await scrape();

    expect(samples(metrics, 'graphql_envelop_error_result')).toEqual({
      'operationName=Fine,operationType=query,phase=context,strategy=(invalid)': 1,
      'operationName=TooMany,operationType=query,phase=execute,strategy=naive': 1,
      'operationName=TwoBad,operationType=query,phase=execute,strategy=batched': 2,
      'operationName=(unknown),operationType=(unknown),phase=parse,strategy=naive': 1,
      'operationName=(anonymous),operationType=query,phase=validate,strategy=joined': 1,
    });
    expect(samples(metrics, 'graphql_envelop_request')).toEqual({
      'operationName=Fine,operationType=query,strategy=naive': 1,
      'operationName=TooMany,operationType=query,strategy=naive': 1,
      'operationName=TwoBad,operationType=query,strategy=batched': 1,
    });
    // Every request whose document parsed has a duration, with its status.
    expect(samples(metrics, 'graphql_yoga_http_duration_count')).toEqual({
      'operationName=Fine,operationType=query,statusCode=200,strategy=naive': 1,
      'operationName=Fine,operationType=query,statusCode=400,strategy=(invalid)': 1,
      'operationName=TooMany,operationType=query,statusCode=200,strategy=naive': 1,
      'operationName=TwoBad,operationType=query,statusCode=200,strategy=batched': 1,
      'operationName=(anonymous),operationType=query,statusCode=400,strategy=joined': 1,
    });
  });
});
