import { buildSubgraphSchema } from '@apollo/subgraph';
import { ObjectIDResolver } from 'graphql-scalars';
import { gql } from 'graphql-tag';
import { startTestSubgraph, type TestSubgraph } from './testSubgraph';

/**
 * A third small subgraph for the federation tests: a platform team's cluster inventory, written the way other Relay
 * subgraphs are. It owns `Cluster` (keyed by `projectId name`, like this gateway's) with fields of its own, lists
 * clusters as a Relay connection with its own `PageInfo`, and has its own `Link`; both are `@shareable`, as they
 * must be on every subgraph that defines them. `Cluster` gets `restoreJobs` from the restore-jobs subgraph.
 * NOTE: `Cluster`, its key fields, `PageInfo`, `Link` and `ObjectID` are left undescribed here: the restore-jobs
 * subgraph describes them, and two descriptions would make composition hint INCONSISTENT_DESCRIPTION.
 */
export function inventorySdl(link: 'nullable' | 'non-null' = 'nullable'): string {
  const bang = link === 'non-null' ? '!' : '';
  return `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

scalar ObjectID

type Cluster @key(fields: "projectId name") {
  projectId: ObjectID!
  name: String!
  "The team that owns the cluster."
  owner: String
  "The owning team's runbook for the cluster; null when it has none."
  runbook: Link
}

type PageInfo @shareable {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}

type Link @shareable {
  href: String${bang}
  rel: String${bang}
}

"""
A page of the clusters a team owns (Relay cursor connection).
"""
type OwnedClusterConnection {
  "The clusters of this page with their cursors."
  edges: [OwnedClusterEdge!]!
  "Where this page sits in the list."
  pageInfo: PageInfo!
}

"""
One owned cluster and its cursor.
"""
type OwnedClusterEdge {
  "Opaque cursor."
  cursor: String!
  "The cluster."
  node: Cluster!
}

type Query {
  "The clusters of a project that the inventory knows, with their owners, in the inventory's order."
  ownedClusters(
    "The Atlas project."
    projectId: ObjectID!
    "How many clusters to return after \`after\`."
    first: Int
    "A cursor from this connection."
    after: String
  ): OwnedClusterConnection!
}
`;
}

/** One cluster the inventory knows. */
export interface OwnedCluster {
  projectId: string;
  name: string;
  owner: string | null;
  runbook: { href: string; rel: string } | null;
}

/** A running inventory subgraph. */
export type InventorySubgraph = TestSubgraph;

/** Starts the inventory subgraph on a loopback ephemeral port, knowing the given clusters. */
export async function startInventorySubgraph(clusters: readonly OwnedCluster[]): Promise<InventorySubgraph> {
  const cursorOf = (index: number): string => Buffer.from(`owned:${index}`).toString('base64url');
  const indexOf = (cursor: string | null | undefined): number =>
    cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8').slice('owned:'.length)) : -1;
  const schema = buildSubgraphSchema({
    typeDefs: gql(inventorySdl()),
    resolvers: {
      ObjectID: ObjectIDResolver,
      Query: {
        ownedClusters: (_root: unknown, args: { projectId: string; first?: number | null; after?: string | null }) => {
          const all = clusters.filter((c) => c.projectId === args.projectId);
          const start = indexOf(args.after) + 1;
          const page = all.slice(start, start + (args.first ?? 10));
          const edges = page.map((node, i) => ({ cursor: cursorOf(start + i), node }));
          return {
            edges,
            pageInfo: {
              hasNextPage: start + page.length < all.length,
              hasPreviousPage: start > 0,
              startCursor: edges[0]?.cursor ?? null,
              endCursor: edges.at(-1)?.cursor ?? null,
            },
          };
        },
      },
      Cluster: {
        __resolveReference: (ref: { projectId: string; name: string }) =>
          clusters.find((c) => c.projectId === ref.projectId && c.name === ref.name) ?? { ...ref, owner: null, runbook: null },
      },
    },
  });
  return startTestSubgraph(schema);
}
