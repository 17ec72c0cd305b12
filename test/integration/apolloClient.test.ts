import { ApolloClient, HttpLink, InMemoryCache, gql, type Reference } from '@apollo/client';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { DEMO } from '../../src/simulator';
import { encodeGlobalId } from '../../src/restoreJobs/globalId';
import { RESTORE_JOB_KINDS } from '../../src/restoreJobs/sources';
import { startHarness, type Harness } from '../support/harness';
import { KIND_FACTS } from '../support/kinds';

/** The job types, written out from the tests' own facts: what a client's generated possibleTypes would hold. */
const JOB_TYPES = RESTORE_JOB_KINDS.map((kind) => KIND_FACTS[kind].typeName);

interface Edge {
  cursor: string;
  node: Reference;
}
interface Connection {
  edges: Edge[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage?: boolean; startCursor?: string | null; endCursor: string | null };
}

/**
 * The cache a UI would configure: possibleTypes for the two interfaces, a connection field policy that appends the
 * edges of a page fetched with `after`, and `node(id)` read from the cache when a list already brought the job.
 */
function createCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes: { Node: JOB_TYPES, RestoreJob: JOB_TYPES },
    typePolicies: {
      Query: {
        fields: {
          restoreJobs: {
            keyArgs: ['kind', 'projectId', 'clusterName'],
            merge(existing: Connection | undefined, incoming: Connection, { args }) {
              if (!existing || !args?.after) return incoming;
              return {
                ...incoming,
                edges: [...existing.edges, ...incoming.edges],
                pageInfo: { ...incoming.pageInfo, hasPreviousPage: existing.pageInfo.hasPreviousPage, startCursor: existing.pageInfo.startCursor },
              };
            },
          },
          node: {
            read(existing: Reference | undefined, { args, toReference, canRead }) {
              if (existing) return existing;
              // The global id does not say the type to the client: try each job type's cache entry.
              for (const __typename of JOB_TYPES) {
                const ref = toReference({ __typename, id: args?.id as string });
                if (ref && canRead(ref)) return ref;
              }
              return undefined;
            },
          },
        },
      },
    },
  });
}

const JOBS = gql`
  query Jobs($projectId: ObjectID!, $clusterName: String!, $first: Int, $after: String) {
    restoreJobs(kind: LEGACY_BACKUP, projectId: $projectId, clusterName: $clusterName, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          jobId
          status
          ... on LegacyBackupRestoreJob {
            batchId
          }
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;

const NODE = gql`
  query Node($id: ID!) {
    node(id: $id) {
      id
      ... on RestoreJob {
        jobId
        status
      }
    }
  }
`;

/** @apollo/client 4 over HttpLink and the global fetch, against the real gateway. */
describe('@apollo/client: a connection paged with fetchMore, a job through node', () => {
  let h: Harness;
  let requests: number;
  let client: ApolloClient;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.sim.resetCalls();
    requests = 0;
    client = new ApolloClient({
      cache: createCache(),
      link: new HttpLink({
        uri: h.gateway.url,
        fetch: (input, init) => {
          requests += 1;
          return fetch(input, init);
        },
      }),
    });
  });
  afterEach(() => client.stop());

  const vars = { projectId: DEMO.projectId, clusterName: DEMO.clusters.LEGACY_BACKUP };
  const legacyJobIds = (): string[] => {
    const cluster = h.sim.seed.projects.find((p) => p.id === DEMO.projectId)!.clusters.find((c) => c.name === vars.clusterName)!;
    return (cluster.legacy ?? []).map((j) => j.id!);
  };

  it('pages with fetchMore: the merged edges equal one first: 6 page from the gateway', async () => {
    const observable = client.watchQuery({ query: JOBS, variables: { ...vars, first: 3 } });
    const subscription = observable.subscribe(() => undefined);
    try {
      const first = await firstValueFrom(observable.pipe(filter((r) => r.dataState === 'complete'), timeout(5_000)));
      const page1 = first.data as { restoreJobs: Connection };
      expect(page1.restoreJobs.edges).toHaveLength(3);
      expect(page1.restoreJobs.pageInfo.hasNextPage).toBe(true);

      const more = observable.fetchMore({ variables: { after: page1.restoreJobs.pageInfo.endCursor } });
      // The watching UI sees the merged list.
      const merged = (
        await firstValueFrom(
          observable.pipe(
            filter((r) => (r.data as { restoreJobs?: Connection } | undefined)?.restoreJobs?.edges.length === 6),
            timeout(5_000),
          ),
        )
      ).data;
      await more;
      expect({ requests, upstream: h.sim.calls.length }).toEqual({ requests: 2, upstream: 2 });

      const direct = await h.query(
        `query($projectId: ObjectID!, $clusterName: String!) {
          restoreJobs(kind: LEGACY_BACKUP, projectId: $projectId, clusterName: $clusterName, first: 6) {
            __typename
            edges { __typename cursor node { __typename id jobId status ... on LegacyBackupRestoreJob { batchId } } }
            pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
          }
        }`,
        vars,
      );
      expect(merged).toEqual(direct.data);
      expect((merged as { restoreJobs: { edges: { node: { jobId: string } }[] } }).restoreJobs.edges.map((e) => e.node.jobId)).toEqual(legacyJobIds().slice(0, 6));
    } finally {
      subscription.unsubscribe();
    }
  });

  it('reads a job through node: from the cache when a list brought it (possibleTypes match the fragment), else over HTTP', async () => {
    await client.query({ query: JOBS, variables: { ...vars, first: 3 } });
    expect(requests).toBe(1);
    const [, second, , , , , , , , tenth] = legacyJobIds();
    const id = (jobId: string): string => encodeGlobalId({ kind: 'LEGACY_BACKUP', ...vars, jobId });

    const cached = await client.query({ query: NODE, variables: { id: id(second!) } });
    expect({ data: cached.data, requests }).toEqual({
      data: { node: { __typename: 'LegacyBackupRestoreJob', id: id(second!), jobId: second, status: expect.any(String) } },
      requests: 1,
    });

    const fetched = await client.query({ query: NODE, variables: { id: id(tenth!) } });
    expect({ data: fetched.data, requests }).toEqual({
      data: { node: { __typename: 'LegacyBackupRestoreJob', id: id(tenth!), jobId: tenth, status: expect.any(String) } },
      requests: 2,
    });
    expect(h.sim.calls.map((c) => c.path)).toEqual([
      `/api/atlas/v2/groups/${DEMO.projectId}/clusters/${vars.clusterName}/restoreJobs`,
      `/api/atlas/v2/groups/${DEMO.projectId}/clusters/${vars.clusterName}/restoreJobs/${tenth}`,
    ]);
  });
});

describe('@apollo/client: a mutation answered with userErrors, then with the job', () => {
  let h: Harness;
  let client: ApolloClient;

  beforeAll(async () => {
    h = await startHarness();
    client = new ApolloClient({ cache: createCache(), link: new HttpLink({ uri: h.gateway.url }) });
  });
  afterAll(async () => {
    client.stop();
    await h.stop();
  });

  const START = gql`
    mutation Start($input: StartAutomatedRestoreInput!) {
      startAutomatedRestore(input: $input) {
        restoreJob { id jobId status deliveryType }
        userErrors { field message code atlasErrorCode }
        replayed
        clientMutationId
      }
    }
  `;

  it('a missing confirmation is data (no error, no POST); the confirmed retry starts the restore and the job lands in the cache', async () => {
    const cluster = DEMO.clusters.CLOUD_BACKUP;
    const input = {
      idempotencyKey: `apollo-${Date.now()}`,
      projectId: DEMO.projectId,
      clusterName: cluster,
      snapshotId: h.sim.snapshots.completedId(DEMO.projectId, cluster),
      targetClusterName: DEMO.today.formerServerless,
      confirmTargetDataLoss: false,
      clientMutationId: 'ui-1',
    };
    const refusal = await client.mutate({ mutation: START, variables: { input } });
    expect(refusal).toEqual({
      data: {
        startAutomatedRestore: {
          __typename: 'StartAutomatedRestorePayload',
          restoreJob: null,
          userErrors: [
            {
              __typename: 'RestoreUserError',
              field: ['input', 'confirmTargetDataLoss'],
              message: `This restore overwrites every document of the target cluster ${DEMO.projectId}/${DEMO.today.formerServerless}. Set confirmTargetDataLoss: true to confirm.`,
              code: 'CONFIRMATION_REQUIRED',
              atlasErrorCode: null,
            },
          ],
          replayed: false,
          clientMutationId: 'ui-1',
        },
      },
    });
    expect(h.sim.calls.filter((c) => c.method === 'POST')).toEqual([]);
    const started = await client.mutate({ mutation: START, variables: { input: { ...input, confirmTargetDataLoss: true } } });
    const job = (started.data as { startAutomatedRestore: { restoreJob: { id: string; jobId: string } } }).startAutomatedRestore.restoreJob;
    expect(started).toEqual({
      data: {
        startAutomatedRestore: {
          __typename: 'StartAutomatedRestorePayload',
          restoreJob: { __typename: 'CloudBackupRestoreJob', id: job.id, jobId: job.jobId, status: 'IN_PROGRESS', deliveryType: 'AUTOMATED' },
          userErrors: [],
          replayed: false,
          clientMutationId: 'ui-1',
        },
      },
    });
    expect((client.cache.extract() as Record<string, unknown>)[`CloudBackupRestoreJob:${job.id}`]).toEqual({ __typename: 'CloudBackupRestoreJob', id: job.id, jobId: job.jobId, status: 'IN_PROGRESS', deliveryType: 'AUTOMATED' });
    expect(h.sim.calls.filter((c) => c.method === 'POST').length).toBe(1);
  });
});
