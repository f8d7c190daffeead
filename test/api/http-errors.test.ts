import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

const URL = 'http://graphql-n1-lab/graphql';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** A raw POST, for the requests the GraphQL client would never send. */
async function post(lab: TestApp, body: BodyInit, headers: Record<string, string> = {}) {
  const response = await lab.app.fetch(URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE, ...headers },
    body,
    ...(body instanceof ReadableStream && { duplex: 'half' }),
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
}

const BROKEN_JSON = '{"query": "{ users { id } }", "secret": "s3cret-in-the-body"';

describe(`errors that help and leak nothing [${TEST_DB}]`, () => {
  let lab: TestApp;
  beforeAll(async () => {
    lab = await createTestApp({ env: { MAX_BODY_BYTES: '2048' } });
  });
  afterAll(() => lab.close());

  test.each([
    ['an unknown field', '{ users { password } }', 'Cannot query field "password" on type "User".'],
    ['a fragment cycle', '{ users { ...A } } fragment A on User { orders { user { ...A } } }', 'Cannot spread fragment "A" within itself.'],
  ])('%s is reported once', async (_case, query, message) => {
    const { status, body } = await lab.gql(query);
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ message })]);
  });

  test.each([GRAPHQL_RESPONSE, 'application/json'])('malformed JSON (accept %s): 400, no originalError, nothing of the body', async (accept) => {
    const { status, text, body } = await post(lab, BROKEN_JSON, { accept });
    expect(status).toBe(400);
    expect(body).toEqual({ errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    expect(text).not.toContain('s3cret');
  });

  test('unsupported content type: 415 naming the accepted ones, in the message and in Accept-Post', async () => {
    const { status, headers, body } = await post(lab, '<query/>', { 'content-type': 'text/xml' });
    expect(status).toBe(415);
    expect(headers.get('accept-post')).toBe('application/json, application/graphql+json, application/graphql, application/x-www-form-urlencoded');
    expect(body.errors).toEqual([
      {
        message:
          'Unsupported Content-Type "text/xml": POST the operation as application/json (or application/graphql+json, ' +
          'application/graphql, application/x-www-form-urlencoded), or send it with GET',
        extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
      },
    ]);
  });

  test('a 15 KB content type is not echoed back', async () => {
    const { status, text } = await post(lab, '{}', { 'content-type': `text/${'x'.repeat(15_000)}` });
    expect(status).toBe(415);
    expect(JSON.parse(text).errors[0].message).toMatch(/^Unsupported Content-Type "text\/x{35}…" \(15005 characters\): POST/);
    expect(text.length).toBeLessThan(500);
  });

  test('a 15 KB x-strategy is not echoed back', async () => {
    const { status, body } = await lab.gql('{ users(first: 1) { id } }', { strategy: 'x'.repeat(15_000) });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: `Unknown x-strategy "${'x'.repeat(40)}…" (15000 characters): expected one of naive, batched, joined, select-in, balanced, orm-dataloader`,
      }),
    ]);
  });

  test('a body over MAX_BODY_BYTES: 413 naming the limit, whether it declares its length or streams', async () => {
    const query = JSON.stringify({ query: '{ users(first: 1) { id } }' });
    const atLimit = query.padEnd(2048, ' ');
    expect((await post(lab, atLimit)).status).toBe(200);
    const expected = {
      errors: [{ message: 'Request body is larger than 2048 bytes (MAX_BODY_BYTES)', extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }],
    };
    const declared = await post(lab, `${atLimit} `);
    expect([declared.status, declared.body]).toEqual([413, expected]);
    const chunks = [atLimit, ' '].map((chunk) => new TextEncoder().encode(chunk));
    const stream = new ReadableStream({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await post(lab, stream);
    expect([streamed.status, streamed.body]).toEqual([413, expected]);
  });
});

describe(`internal errors: production says nothing, development says what [${TEST_DB}]`, () => {
  /** An app whose `users` table is gone, so resolving `users` fails inside the database driver. */
  async function brokenApp(env: NodeJS.ProcessEnv) {
    const lab = await createTestApp({ env });
    await lab.orm.em.getConnection().execute('alter table users rename to users_gone');
    return lab;
  }

  test.each([
    ['NODE_ENV unset', {}],
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
  ])('%s: "Unexpected error.", no stack, no driver message; logged in full', async (_mode, env) => {
    const lab = await brokenApp(env);
    const { body } = await lab.gql('{ users(first: 2) { id } }');
    expect(body.errors).toEqual([
      { message: 'Unexpected error.', locations: [{ line: 1, column: 3 }], path: ['users'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(JSON.stringify(body.errors)).not.toMatch(/users_gone|no such table|does not exist|stack|\.ts:\d|node_modules|\/work\//i);
    expect(lab.logs.some((line) => line.msg === 'unexpected error while resolving')).toBe(true);
    await lab.close().catch(() => undefined);
  });

  test('NODE_ENV=production: no SQL anywhere in the response (queryStats is off by default there)', async () => {
    const lab = await brokenApp({ NODE_ENV: 'production' });
    const { body, headers } = await lab.gql('{ users(first: 2) { id } }');
    expect(Object.keys(body)).toEqual(['errors', 'data']);
    expect(headers.get('server-timing')).toBeNull();
    expect(JSON.stringify(body)).not.toMatch(/select|from|users_gone/i);
    await lab.close().catch(() => undefined);
  });

  test("development: the driver's own message and its stack", async () => {
    const lab = await brokenApp({ NODE_ENV: 'development' });
    const { body } = await lab.gql('{ users(first: 2) { id } }');
    expect(body.errors![0]!.message).toBe('Unexpected error.');
    const original = body.errors![0]!.extensions!.originalError as { message: string; stack: string };
    expect(original.message).toMatch(/no such table: users|relation "users" does not exist/);
    expect(original.stack).toMatch(/\n\s+at /);
    const malformed = await post(lab, BROKEN_JSON);
    expect(malformed.body.errors[0].extensions.originalError).toMatchObject({ name: 'SyntaxError' });
    await lab.close().catch(() => undefined);
  });
});
