import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ErrorCode } from '../../src/errors';
import { DEMO } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';
import { scrape } from '../support/metrics';

/** What a new user meets in the first ten minutes (issue 18), against the real server and simulator. */
const P = DEMO.projectId;
const JOB = '65f1c0de2a4b6c8d0e1f2a3b';

describe('a malformed value answers the same inline and as a variable', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(() => h.sim.resetCalls());

  it('a malformed ObjectID: BAD_USER_INPUT with HTTP 400 either way, no upstream call', async () => {
    const inline = await h.post(`{ restoreJob(kind: FLEX, projectId: "nope", clusterName: "x", jobId: "${JOB}") { jobId } }`);
    const variable = await h.post(`query Q($p: ObjectID!) { restoreJob(kind: FLEX, projectId: $p, clusterName: "x", jobId: "${JOB}") { jobId } }`, { p: 'nope' });
    expect([inline.status, inline.body]).toEqual([
      400,
      { errors: [{ message: 'Value is not a valid mongodb object id of form: nope', locations: [{ line: 1, column: 37 }], extensions: { code: 'BAD_USER_INPUT' } }] },
    ]);
    expect([variable.status, variable.body]).toEqual([
      400,
      {
        errors: [
          {
            message: 'Variable "$p" got invalid value "nope"; Value is not a valid mongodb object id of form: nope',
            locations: [{ line: 1, column: 9 }],
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    ]);
    expect(h.sim.calls).toEqual([]);
  });

  it('a literal of the wrong type (Int, enum) is BAD_USER_INPUT too; a query of the wrong shape stays GRAPHQL_VALIDATION_FAILED', async () => {
    const head = `{ restoreJobs(projectId: "${P}", clusterName: "flex-cluster-0", `;
    const list = (args: string) => h.post(`${head}${args}) { totalCount } }`);
    // The column of the argument (its name) and of its value.
    const at = (name: string) => [{ line: 1, column: head.length + 1 + (name ? name.length + 2 : 0) }];
    expect((await list('first: "a"')).body).toEqual({
      errors: [{ message: 'Int cannot represent non-integer value: "a"', locations: at('first'), extensions: { code: 'BAD_USER_INPUT' } }],
    });
    expect((await list('kind: TAPE')).body).toEqual({
      errors: [{ message: 'Value "TAPE" does not exist in "RestoreJobKind" enum.', locations: at('kind'), extensions: { code: 'BAD_USER_INPUT' } }],
    });
    expect((await list('bogus: 1')).body).toEqual({
      errors: [{ message: 'Unknown argument "bogus" on field "Query.restoreJobs".', locations: at(''), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    expect(h.sim.calls).toEqual([]);
  });
});

describe('metrics name every upstream operation', () => {
  it('cluster and flex cluster lookups are labelled as such, never "other"', async () => {
    const h = await startHarness();
    try {
      // Without a kind, a flex cluster costs a clusters-API refusal, a flex lookup, then the flex list.
      expect(await h.query(`{ restoreJobs(projectId: "${P}", clusterName: "flex-cluster-0", first: 1) { nodes { kind } } }`)).toEqual({
        data: { restoreJobs: { nodes: [{ kind: 'FLEX' }] } },
      });
      const samples = (await scrape(h.gateway)).split('\n').filter((line) => line.startsWith('atlas_upstream_requests_total{'));
      expect(samples.sort()).toEqual([
        'atlas_upstream_requests_total{kind="CLUSTERS",operation="lookup",status="400"} 1',
        'atlas_upstream_requests_total{kind="FLEX",operation="list",status="200"} 1',
        'atlas_upstream_requests_total{kind="FLEX_CLUSTERS",operation="lookup",status="200"} 1',
      ]);
    } finally {
      await h.stop();
    }
  });
});

/** README's metrics table: each metric name with the label names its row lists (the backticked words before any "("). */
function readmeMetrics(): Map<string, string[]> {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('`GET /metrics` (Prometheus text'), readme.indexOf('The route labels'));
  const rows = section.split('\n').filter((line) => line.startsWith('| `') && !line.startsWith('| process metrics'));
  const table = new Map<string, string[]>();
  for (const row of rows) {
    const [names = '', labels = ''] = row.split('|').slice(1, 3);
    const labelNames = [...labels.replace(/\([^)]*\)/g, '').matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
    for (const m of names.matchAll(/`([a-z_]+)`/g)) table.set(m[1]!, labelNames);
  }
  return table;
}

describe("README's error codes", () => {
  it('lists every code of ErrorCode and the Apollo request codes a client can meet, each once', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Errors'), readme.indexOf('## Explorers'));
    const listed = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]!);
    // Apollo's own: PERSISTED_QUERY_NOT_SUPPORTED never comes (persisted queries are on).
    const apollo = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND'];
    expect(apollo.filter((code) => !(Object.values(ApolloServerErrorCode) as string[]).includes(code))).toEqual([]);
    expect([...listed].sort()).toEqual([...new Set([...Object.values(ErrorCode), ...apollo])].sort());
  });
});

describe("README's metrics table", () => {
  it('lists every metric the gateway exports, each with the labels its samples carry', async () => {
    const h = await startHarness();
    try {
      await h.query(`{ restoreJobs(projectId: "${P}", clusterName: "flex-cluster-0", first: 1) { nodes { kind } } }`);
      await h.query('{ nope }');
      const text = await scrape(h.gateway);
      const table = readmeMetrics();
      const exported = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!).filter((name) => !/^(process|nodejs)_/.test(name));
      expect([...table.keys()].sort()).toEqual(exported.sort());
      const sampled = new Map<string, string[]>();
      for (const line of text.split('\n')) {
        const sample = /^([a-z_]+?)(?:_bucket|_sum|_count)?\{([^}]*)\}/.exec(line);
        if (!sample || !table.has(sample[1]!)) continue;
        sampled.set(sample[1]!, [...sample[2]!.matchAll(/([a-z_]+)="/g)].map((m) => m[1]!).filter((label) => label !== 'le'));
      }
      expect(sampled.size).toBeGreaterThanOrEqual(4);
      for (const [name, labels] of sampled) expect([name, labels.sort()]).toEqual([name, [...table.get(name)!].sort()]);
    } finally {
      await h.stop();
    }
  });
});

describe('the simulator on v1.0, and the favicon', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ apiVersion: 'v1.0' });
  });
  afterAll(() => h.stop());

  it.each([
    ['LEGACY_BACKUP', 'legacy-cluster-0', 'restoreJobs'],
    ['SHARED_TIER', 'm2-cluster-0', 'backup/tenant/restores'],
    ['SERVERLESS', 'serverless-0', 'backup/restoreJobs'],
  ])('%s answers on v1.0 link to v1.0 URLs only', async (kind, clusterName, jobs) => {
    const res = (await h.query(`{ restoreJobs(kind: ${kind}, projectId: "${P}", clusterName: "${clusterName}", first: 3) { nodes { jobId links { href } } } }`)) as {
      data: { restoreJobs: { nodes: { jobId: string; links: { href: string }[] }[] } };
    };
    const nodes = res.data.restoreJobs.nodes;
    expect(nodes).toHaveLength(3);
    for (const node of nodes) {
      const paths = node.links.map((link) => new URL(link.href).pathname);
      const parent = kind === 'SERVERLESS' ? `/api/atlas/v1.0/groups/${P}/serverless/${clusterName}` : `/api/atlas/v1.0/groups/${P}/clusters/${clusterName}`;
      expect(paths).toContain(`${parent}/${jobs}/${node.jobId}`);
      expect(paths.filter((path) => !path.startsWith(`/api/atlas/v1.0/groups/${P}/`))).toEqual([]);
    }
    expect(h.sim.calls.map((call) => call.path.split('/groups/')[0])).toContain('/api/atlas/v1.0');
  });

  it('answers /favicon.ico with 204 and no body, in every explorer setting', async () => {
    const off = await startHarness({ explorer: 'off' });
    try {
      for (const gateway of [h.gateway, off.gateway]) {
        const res = await fetch(new URL('/favicon.ico', gateway.url));
        expect({ status: res.status, body: await res.text(), cache: res.headers.get('cache-control') }).toEqual({ status: 204, body: '', cache: 'public, max-age=86400' });
      }
    } finally {
      await off.stop();
    }
  });
});

describe('/graphiql', () => {
  it('is served beside Sandbox (GET and HEAD, any Accept), not for POST; 404 with EXPLORER=off and in production', async () => {
    const sandbox = await startHarness();
    const off = await startHarness({ explorer: 'off' });
    const prod = await startHarness({ nodeEnv: 'production' });
    try {
      const at = (g: Harness, init?: RequestInit) => fetch(new URL('/graphiql', g.gateway.url), init);
      const page = await at(sandbox);
      const html = await page.text();
      expect({ status: page.status, type: page.headers.get('content-type') }).toEqual({ status: 200, type: 'text/html; charset=utf-8' });
      expect(html).toContain('<div id="graphiql" data-endpoint="graphql">');
      expect((await at(sandbox, { method: 'HEAD' })).status).toBe(200);
      const post = await at(sandbox, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      expect({ status: post.status, body: await post.json() }).toEqual({ status: 404, body: { error: 'Not found. GraphQL is at /graphql.' } });
      for (const g of [off, prod]) {
        const res = await at(g);
        expect({ status: res.status, body: await res.json() }).toEqual({ status: 404, body: { error: 'Not found. GraphQL is at /graphql.' } });
      }
    } finally {
      await Promise.all([sandbox.stop(), off.stop(), prod.stop()]);
    }
  });
});
