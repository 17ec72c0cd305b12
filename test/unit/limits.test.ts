import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { estimateUpstreamCost } from '../../src/limits';

function estimate(source: string, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return estimateUpstreamCost(operation, fragments, variables);
}

const L = 'kind: FLEX, projectId: "p", clusterName: "c"';

describe('estimateUpstreamCost', () => {
  it.each([
    [`{ restoreJob(${L}, jobId: "j") { jobId } }`, {}, { upstreamCalls: 1, items: 1, cost: 11 }],
    [`{ node(id: "x") { id } }`, {}, { upstreamCalls: 1, items: 1, cost: 11 }],
    [`{ restoreJobs(${L}) { nodes { jobId } } }`, {}, { upstreamCalls: 2, items: 20, cost: 40 }],
    [`{ restoreJobs(${L}, first: 500) { nodes { jobId } } }`, {}, { upstreamCalls: 2, items: 500, cost: 520 }],
    [`{ restoreJobs(${L}, first: 100000) { nodes { jobId } } }`, {}, { upstreamCalls: 2, items: 500, cost: 520 }],
    [`{ restoreJobs(${L}, last: 10) { nodes { jobId } } }`, {}, { upstreamCalls: 3, items: 10, cost: 40 }],
    [`{ restoreJobs(${L}, last: 10, before: "b") { nodes { jobId } } }`, {}, { upstreamCalls: 2, items: 10, cost: 30 }],
    [`{ restoreJobs(${L}, first: 0) { nodes { jobId } } }`, {}, { upstreamCalls: 1, items: 0, cost: 10 }],
    [`{ restoreJobs(${L}, first: -5) { nodes { jobId } } }`, {}, { upstreamCalls: 1, items: 0, cost: 10 }],
    [`query($n: Int) { restoreJobs(${L}, first: $n) { nodes { jobId } } }`, { n: 250 }, { upstreamCalls: 2, items: 250, cost: 270 }],
    [`query($n: Int) { restoreJobs(${L}, first: $n) { nodes { jobId } } }`, { n: 'many' }, { upstreamCalls: 2, items: 20, cost: 40 }],
    // clusters: its window and the two cluster lists, plus per cluster what a nested restoreJobs may cost.
    [`{ clusters(projectId: "p") { nodes { name stateName } } }`, {}, { upstreamCalls: 2, items: 20, cost: 40 }],
    [`{ clusters(projectId: "p", first: 900) { totalCount } }`, {}, { upstreamCalls: 2, items: 500, cost: 520 }],
    [`{ clusters(projectId: "p", first: 5) { nodes { restoreJobs(first: 10) { totalCount } } } }`, {}, { upstreamCalls: 12, items: 55, cost: 175 }],
    [
      `query($n: Int) { clusters(projectId: "p", first: $n) { edges { node { ...J } } } } fragment J on Cluster { a: restoreJobs(last: 3) { totalCount } b: restoreJobs { totalCount } }`,
      { n: 4 },
      { upstreamCalls: 2 + 4 * 5, items: 4 + 4 * 23, cost: 96 + 220 },
    ],
    [`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ['a', 'b', 'c'] }, { upstreamCalls: 3, items: 3, cost: 33 }],
    [`{ nodes(ids: ["a", "b"]) { id } }`, {}, { upstreamCalls: 2, items: 2, cost: 22 }],
    [`{ nodes(ids: "a") { id } }`, {}, { upstreamCalls: 1, items: 1, cost: 11 }],
    [`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array.from({ length: 1_000 }, () => 'x') }, { upstreamCalls: 100, items: 100, cost: 1_100 }],
    [`query($r: [_Any!]!) { _entities(representations: $r) { __typename } }`, { r: [{}, {}] }, { upstreamCalls: 2, items: 2, cost: 22 }],
    [`{ ...A ... on Query { b: node(id: "y") { id } } } fragment A on Query { a: node(id: "x") { id } ...A }`, {}, { upstreamCalls: 2, items: 2, cost: 22 }],
    [`{ __typename __schema { types { name } } _service { sdl } }`, {}, { upstreamCalls: 0, items: 0, cost: 0 }],
  ])('%s %j', (source, variables, expected) => {
    expect(estimate(source, variables)).toEqual(expected);
  });
});
