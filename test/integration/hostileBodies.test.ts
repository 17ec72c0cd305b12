import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import type { RestoreJobKind } from '../../src/restoreJobs/RestoreJobModel';
import { SPEC_JOB_KINDS, type SpecJobKind } from '../contract/specSchemas';
import { buildSchema } from '../../src/schema';
import type { Gateway } from '../../src/server';
import { checkTypes, fullSelection } from '../contract/graphqlTypes';
import { JOB_SCHEMAS, loadContract, type SchemaObject } from '../contract/specSchemas';
import { postGraphQL, startTestGateway, type GraphQLResponse } from '../support/harness';

/**
 * Mapper hardening: the real gateway over a loopback upstream that answers with bodies built from the spec's response
 * views, where every property may instead hold a value outside its declared type (a date that is no RFC 3339 instant,
 * an integer beyond int32, a URL that is none, a word outside the enum, an object for a string, ...). Atlas and mocks
 * of it send such values; no GraphQL error may come of them, and every selected field keeps its declared type
 * (nullable fields become null).
 */

const RUNS = 100;
const schema = buildSchema();
const contract = loadContract();
const JOB = fullSelection(schema, 'RestoreJob');
const GET = `query($kind: RestoreJobKind!) {
  restoreJob(kind: $kind, projectId: "0123456789abcdef01234567", clusterName: "cluster-0", jobId: "0123456789abcdef01234567") { ${JOB} }
}`;
const LIST = `query($kind: RestoreJobKind!, $first: Int, $last: Int) {
  restoreJobs(kind: $kind, projectId: "0123456789abcdef01234567", clusterName: "cluster-0", first: $first, last: $last) {
    ${fullSelection(schema, 'RestoreJobConnection')}
  }
}`;

/** Values of no particular type, and near misses of the typed ones. */
const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    '',
    'string',
    '{SNAPSHOT-URL}',
    'javascript:alert(1)',
    'ftp://example.invalid/x',
    '1',
    '2025-02-30T00:00:00Z',
    '2025-05-04T24:00:00Z',
    '+010000-01-01T00:00:00Z',
    '0000-01-01T00:00:00+01:00',
    '2025-05-04T09:42:00',
    'ABCDEF0123456789ABCDEF01',
    -1,
    0,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53,
    1e300,
    0.5,
    true,
  ),
  fc.anything({ maxDepth: 1 }),
);

const isoInstant = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

/** A value for a spec schema: usually of its type, sometimes garbage. */
function valueFor(node: SchemaObject, depth = 0): fc.Arbitrary<unknown> {
  if (typeof node.$ref === 'string') return valueFor(contract.resolve(node.$ref), depth);
  const typed = ((): fc.Arbitrary<unknown> => {
    if (Array.isArray(node.enum)) return fc.constantFrom(...(node.enum as unknown[]), 'SOMETHING_NEW');
    switch (node.type) {
      case 'object': {
        const properties = (node.properties ?? {}) as Record<string, SchemaObject>;
        return fc.record(
          Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, valueFor(child, depth + 1)])),
          { requiredKeys: [] },
        );
      }
      case 'array':
        return depth > 3 ? fc.constant([]) : fc.array(valueFor(node.items as SchemaObject, depth + 1), { maxLength: 3 });
      case 'integer':
        return fc.oneof(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer());
      case 'boolean':
        return fc.boolean();
      case 'string':
        if (node.format === 'date-time') return isoInstant;
        if (node.format === 'uuid') return fc.uuid();
        if (node.pattern === '^([a-f0-9]{24})$') return fc.stringMatching(/^[a-f0-9]{24}$/);
        return fc.oneof(fc.string(), fc.webUrl());
      default:
        return fc.anything({ maxDepth: 1 });
    }
  })();
  return fc.oneof({ weight: 3, arbitrary: typed }, { weight: 1, arbitrary: garbage });
}

/** A job body of `kind` with a usable id (a job without one cannot be addressed and is refused or left out). */
const jobOf = (kind: SpecJobKind): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(valueFor({ type: 'object', properties: contract.responseView(JOB_SCHEMAS[kind]).properties }), fc.stringMatching(/^[a-f0-9]{24}$/))
    .map(([body, id]) => ({ ...(body as Record<string, unknown>), id }));

let upstream: Server;
let gateway: Gateway;
let nextBody: unknown = null;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    req.resume();
    const text = JSON.stringify(nextBody);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve()));
  const { port } = upstream.address() as AddressInfo;
  gateway = await startTestGateway(`http://127.0.0.1:${port}`, { apiVersion: 'v2' });
});

afterAll(async () => {
  await gateway.stop();
  upstream.closeAllConnections();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

function graphql(query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  return postGraphQL(gateway, query, variables);
}

/** The result's errors and type problems (empty when all is well), with the body that caused them. */
function problemsOf(response: GraphQLResponse, query: string): string[] {
  return [...(response.errors ?? []).map((e) => `error: ${e.message} ${JSON.stringify(e.extensions)}`), ...checkTypes(schema, query, response.data)];
}

describe.each(SPEC_JOB_KINDS)('%s: bodies with values outside their declared types', (kind) => {
  it(`maps ${RUNS} of them, one by one, without an error and with every field of its type`, async () => {
    await fc.assert(
      fc.asyncProperty(jobOf(kind), async (job) => {
        nextBody = job;
        const response = await graphql(GET, { kind });
        expect({ problems: problemsOf(response, GET), found: response.data?.restoreJob !== null }).toEqual({ problems: [], found: true });
      }),
      { numRuns: RUNS },
    );
  });

  it(`maps ${RUNS} lists of them, whatever the count and links say`, async () => {
    const page = fc.record({
      results: fc.array(jobOf(kind), { maxLength: 4 }),
      totalCount: fc.oneof(fc.nat(), garbage),
      links: fc.oneof(fc.constant([{ rel: 'next', href: 'x' }]), valueFor({ type: 'array', items: { $ref: '#/definitions/Link' } })),
    });
    const window = fc.oneof(fc.record({ first: fc.integer({ min: 1, max: 5 }) }), fc.record({ last: fc.integer({ min: 1, max: 5 }) }));
    await fc.assert(
      fc.asyncProperty(page, window, async (body, args) => {
        nextBody = body;
        const response = await graphql(LIST, { kind, ...args });
        expect(problemsOf(response, LIST)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
