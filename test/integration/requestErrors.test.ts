import { createHash } from 'node:crypto';
import { startHarness, type Harness } from '../support/harness';

/** Errors about the request itself, as a client sees them (issue #14, items 10 and 11). */
describe('in production', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ nodeEnv: 'production' });
  });
  afterAll(() => h.stop());

  const post = async (body: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(h.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };

  it('#14 item 10: an unknown enum value in the document gets no suggestion', async () => {
    expect(await post({ query: '{ restoreJobs(kind: CLOUD_BACKU, projectId: "65f1c0de2a4b6c8d0e1f2a3b", clusterName: "c") { totalCount } }' })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'Value "CLOUD_BACKU" does not exist in "RestoreJobKind" enum.',
            locations: [{ line: 1, column: 21 }],
            // A wrong value written inline is BAD_USER_INPUT, as the same value in a variable is (issue 18, item 3).
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
  });

  it('#14 item 10: an unknown enum value in the variables gets no suggestion', async () => {
    const query = 'query($k: RestoreJobKind) { restoreJobs(kind: $k, projectId: "65f1c0de2a4b6c8d0e1f2a3b", clusterName: "c") { totalCount } }';
    expect(await post({ query, variables: { k: 'CLOUD_BACKU' } })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'Variable "$k" got invalid value "CLOUD_BACKU"; Value "CLOUD_BACKU" does not exist in "RestoreJobKind" enum.',
            locations: [{ line: 1, column: 7 }],
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
  });

  it('an unknown field, argument or type gets no suggestion either (graphql-armor left "[Suggestion hidden]?" there)', async () => {
    const query = `query($k: RestoreJobKnd) { restoreJob(kinds: FLEX, projectId: "65f1c0de2a4b6c8d0e1f2a3b", clusterName: "c", jobId: "65f1c0de2a4b6c8d0e1f2a3b") { jobld } }`;
    expect(await post({ query })).toEqual({
      status: 400,
      body: {
        errors: [
          { message: 'Unknown type "RestoreJobKnd".', locations: [{ line: 1, column: 11 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
          { message: 'Unknown argument "kinds" on field "Query.restoreJob".', locations: [{ line: 1, column: 39 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
          { message: 'Cannot query field "jobld" on type "RestoreJob".', locations: [{ line: 1, column: 146 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
          { message: 'Variable "$k" is never used.', locations: [{ line: 1, column: 7 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        ],
      },
    });
  });
});

describe('automatic persisted queries', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const post = async (body: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(h.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const query = '{ __typename }';
  const sha256Hash = createHash('sha256').update(query).digest('hex');

  it('#14 item 11: a query sent with a hash that is not its own is BAD_USER_INPUT (HTTP 400)', async () => {
    expect(await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } })).toEqual({
      status: 400,
      body: { errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_USER_INPUT' } }] },
    });
  });

  it('a hash alone that is not registered is PERSISTED_QUERY_NOT_FOUND; registered, it runs', async () => {
    expect(await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } })).toEqual({
      status: 200,
      body: { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] },
    });
    expect(await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } })).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    expect(await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } })).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });
});
