import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

const URL = 'http://graphql-n1-lab/graphql';

/** A browser's CORS preflight from `origin`: the response headers that decide what it may send. */
async function preflight(lab: TestApp, origin: string): Promise<Record<string, string | null>> {
  const response = await lab.app.fetch(URL, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-strategy' },
  });
  const header = (name: string) => response.headers.get(name);
  return {
    origin: header('access-control-allow-origin'),
    credentials: header('access-control-allow-credentials'),
    headers: header('access-control-allow-headers'),
  };
}

describe(`CORS [${TEST_DB}]`, () => {
  test('by default any origin may call, and none is granted credentials', async () => {
    const lab = await createTestApp();
    expect(await preflight(lab, 'https://elsewhere.example')).toEqual({
      origin: 'https://elsewhere.example',
      credentials: null,
      headers: 'content-type, x-strategy',
    });
    const { headers } = await lab.gql('{ products(first: 1) { id } }', { headers: { origin: 'https://elsewhere.example' } });
    expect(headers.get('access-control-allow-credentials')).toBeNull();
    await lab.close();
  });

  test('CORS_ORIGINS lists the origins granted credentials; no other origin is allowed', async () => {
    const lab = await createTestApp({ env: { CORS_ORIGINS: 'https://app.example, http://localhost:3000' } });
    expect(await preflight(lab, 'http://localhost:3000')).toMatchObject({ origin: 'http://localhost:3000', credentials: 'true' });
    // "null" matches no page's origin, so the browser refuses the response.
    expect((await preflight(lab, 'https://elsewhere.example')).origin).toBe('null');
    await lab.close();
  });
});

describe(`introspection [${TEST_DB}]`, () => {
  const INTROSPECT = '{ __schema { queryType { name } } }';

  test('on by default (as in development): GraphiQL can read the schema', async () => {
    const lab = await createTestApp();
    const { body } = await lab.gql(INTROSPECT);
    expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await lab.gql('{ usrs { id } }')).body.errors![0]!.message).toBe(
      'Cannot query field "usrs" on type "Query". Did you mean "users" or "user"?',
    );
    await lab.close();
  });

  test.each([
    ['INTROSPECTION=off', { INTROSPECTION: 'off' }],
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
  ])('%s: __schema and __type are refused, and suggestions no longer name fields', async (_setting, env) => {
    const lab = await createTestApp({ env });
    // graphql-js's rule: every field whose type is part of introspection, each reported once.
    const refused = (field: string) => `GraphQL introspection has been disabled, but the requested query contained the field "${field}".`;
    for (const [query, fields] of [
      [INTROSPECT, ['__schema', 'queryType']],
      ['{ __type(name: "User") { name } }', ['__type']],
    ] as const) {
      const { status, body } = await lab.gql(query);
      expect(status).toBe(400);
      expect(body.errors!.map((error) => error.message)).toEqual(fields.map(refused));
    }
    expect((await lab.gql('{ usrs { id } }')).body.errors).toEqual([
      expect.objectContaining({ message: 'Cannot query field "usrs" on type "Query".' }),
    ]);
    expect((await lab.gql('{ users(first: 1) { __typename id } }')).body.errors).toBeUndefined();
    await lab.close();
  });
});
