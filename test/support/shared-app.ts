import { createTestApp, type TestApp, type TestAppOptions } from './test-app';

/**
 * One seeded app (see createTestApp) for the tests of the enclosing file or describe block: created before
 * them, closed after them. Its members can be read once beforeAll has run (in tests and later hooks).
 */
export function useTestApp(options: TestAppOptions = {}): Omit<TestApp, 'close'> {
  let lab: TestApp | undefined;
  beforeAll(async () => {
    lab = await createTestApp(options);
  });
  afterAll(() => lab?.close());
  const current = (): TestApp => {
    if (!lab) throw new Error('useTestApp: the app is created in beforeAll; read it in a test or a later hook');
    return lab;
  };
  return {
    get app() {
      return current().app;
    },
    get orm() {
      return current().orm;
    },
    get logs() {
      return current().logs;
    },
    gql: (query, options) => current().gql(query, options),
  };
}

/** A query's extensions.queryStats and the response's headers, once it has answered without errors. */
export async function statsOf(lab: Pick<TestApp, 'gql'>, query: string, strategy: string) {
  const response = await lab.gql(query, { strategy });
  expect(response.body.errors).toBeUndefined();
  return { stats: response.body.extensions!.queryStats!, headers: response.headers };
}
