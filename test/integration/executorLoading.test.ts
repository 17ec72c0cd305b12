import { AtlasSimulator, DEMO } from '../../src/simulator';
import type { Gateway } from '../../src/server';
import { postGraphQL, startTestGateway } from '../support/harness';
import { createTestSeed } from '../support/seeds';

// Counts the loads of graphql-jit (jest runs a mock's factory on the module's first require, which may come before this
// file's own statements run: hence a global, not a variable of the file).
const loads = globalThis as { graphqlJitLoads?: number };
jest.mock('graphql-jit', () => {
  const counter = globalThis as { graphqlJitLoads?: number };
  counter.graphqlJitLoads = (counter.graphqlJitLoads ?? 0) + 1;
  return jest.requireActual('graphql-jit');
});

/** graphql-jit is loaded only by a gateway that executes with it (EXECUTOR=jit), and both answer alike. */
describe('the executor is loaded only when chosen', () => {
  const sim = new AtlasSimulator({ seed: createTestSeed() });
  let baseUrl: string;
  const open: Gateway[] = [];
  const QUERY = `query($c: String!, $p: ObjectID!) { restoreJobs(kind: FLEX, projectId: $p, clusterName: $c, first: 3) { totalCount nodes { jobId status kind } } }`;
  const vars = { p: DEMO.projectId, c: DEMO.clusters.FLEX };

  beforeAll(async () => {
    baseUrl = await sim.start(0, '127.0.0.1');
  });
  afterAll(async () => {
    for (const gateway of open) await gateway.stop();
    await sim.stop();
  });

  it('graphql-js leaves graphql-jit unloaded; jit loads it once and answers the same', async () => {
    const plain = await startTestGateway(baseUrl, { executor: 'graphql-js' });
    open.push(plain);
    const viaGraphqlJs = await postGraphQL(plain, QUERY, vars);
    expect(viaGraphqlJs.errors).toBeUndefined();
    expect(loads.graphqlJitLoads ?? 0).toBe(0);

    const compiled = await startTestGateway(baseUrl, { executor: 'jit' });
    open.push(compiled);
    expect(loads.graphqlJitLoads).toBe(1);
    expect(await postGraphQL(compiled, QUERY, vars)).toEqual(viaGraphqlJs);
  });
});
