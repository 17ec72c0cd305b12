import { buildSubgraphSchema } from '@apollo/subgraph';
import { gql } from 'graphql-tag';
import { startTestSubgraph, type TestSubgraph } from './testSubgraph';

/**
 * A second, small subgraph for the federation tests: an "audit" service that knows restore jobs only by the
 * restore-jobs subgraph's global `id`. It adds `auditEvents` to every `RestoreJob` through `@interfaceObject` (so it
 * needs no knowledge of the four job types) and returns jobs by id, which the supergraph completes from the
 * restore-jobs subgraph through `_entities`.
 */
export const AUDIT_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])

# NOTE: RestoreJob, its id and Query are described by the restore-jobs subgraph; describing them here too would make
# composition hint INCONSISTENT_DESCRIPTION and pick one description.
type RestoreJob @key(fields: "id") @interfaceObject {
  id: ID!
  "What was done to the job and by whom, oldest first; empty when nothing was recorded."
  auditEvents: [AuditEvent!]!
}

"""
One recorded action on a restore job.
"""
type AuditEvent {
  "What was done, e.g. REQUESTED or DOWNLOADED."
  action: String!
  "Who did it."
  actor: String!
}

type Query {
  "Jobs by global id, in the order asked (repeats kept)."
  auditedJobs(
    "Global ids of restore jobs."
    ids: [ID!]!
  ): [RestoreJob!]!
}
`;

/** One audit record. */
export interface AuditEvent {
  action: string;
  actor: string;
}

/** A running audit subgraph. */
export type AuditSubgraph = TestSubgraph;

/** Starts the audit subgraph on a loopback ephemeral port, with events per global job id. */
export async function startAuditSubgraph(events: Record<string, AuditEvent[]>): Promise<AuditSubgraph> {
  const schema = buildSubgraphSchema({
    typeDefs: gql(AUDIT_SDL),
    resolvers: {
      Query: {
        auditedJobs: (_root: unknown, args: { ids: string[] }) => args.ids.map((id) => ({ id })),
      },
      RestoreJob: {
        __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
        auditEvents: (job: { id: string }) => events[job.id] ?? [],
      },
    },
  });
  return startTestSubgraph(schema);
}
