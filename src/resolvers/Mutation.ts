import type { MutationResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { ErrorCode, gatewayError, scrubDetail, unwrap } from '../errors';
import type { Outcome } from '../restoreJobs/routing/outcomes';
import type { RestorePayloadModel, StartRestoreInput } from '../restoreJobs/writes/model';
import type { RestoreService } from '../restoreJobs/writes/RestoreService';

/** The request's restore service, or FORBIDDEN when the operator has not turned mutations on. */
function restores(context: Context): RestoreService {
  if (!context.restores) {
    throw gatewayError(ErrorCode.FORBIDDEN, 'Mutations are off on this gateway: its operator turns them on with MUTATIONS=on.');
  }
  return context.restores;
}

/**
 * The payload, the messages that quote Atlas's detail scrubbed of anything it might echo (the gateway's own messages
 * are kept as written: the scrubber would take "idempotencyKey: …" for a secret); a failure is a top-level error.
 */
function payload(outcome: Outcome<RestorePayloadModel>): RestorePayloadModel {
  const value = unwrap(outcome);
  return { ...value, userErrors: value.userErrors.map(({ quotesAtlas, ...e }) => ({ ...e, message: quotesAtlas ? scrubDetail(e.message) : e.message })) };
}

type Common = Pick<StartRestoreInput, 'idempotencyKey' | 'projectId' | 'clusterName'> & {
  kind?: StartRestoreInput['kind'];
  clientMutationId?: string | null;
};

/** The parts every start input has, with GraphQL's absent fields as null. */
function common(input: Common): Omit<StartRestoreInput, 'delivery' | 'snapshotId' | 'targetProjectId' | 'targetClusterName' | 'pointInTime' | 'oplog' | 'confirmTargetDataLoss'> {
  return {
    idempotencyKey: input.idempotencyKey,
    projectId: input.projectId,
    clusterName: input.clusterName,
    kind: input.kind ?? null,
    clientMutationId: input.clientMutationId ?? null,
  };
}

/** Root mutations: each maps its input onto the domain's and answers the restore service's payload. */
export const Mutation: MutationResolvers = {
  startAutomatedRestore: async (_root, { input }, context) =>
    payload(
      await restores(context).start({
        ...common(input),
        delivery: 'AUTOMATED',
        snapshotId: input.snapshotId,
        targetProjectId: input.targetProjectId ?? null,
        targetClusterName: input.targetClusterName,
        pointInTime: null,
        oplog: null,
        confirmTargetDataLoss: input.confirmTargetDataLoss,
      }),
    ),

  startDownloadRestore: async (_root, { input }, context) =>
    payload(
      await restores(context).start({
        ...common(input),
        delivery: 'DOWNLOAD',
        snapshotId: input.snapshotId,
        targetProjectId: null,
        targetClusterName: null,
        pointInTime: null,
        oplog: null,
        confirmTargetDataLoss: null,
      }),
    ),

  startPointInTimeRestore: async (_root, { input }, context) =>
    payload(
      await restores(context).start({
        ...common(input),
        delivery: 'POINT_IN_TIME',
        snapshotId: null,
        targetProjectId: input.targetProjectId ?? null,
        targetClusterName: input.targetClusterName,
        pointInTime: input.pointInTime ?? null,
        oplog: input.oplog ? { ts: input.oplog.ts, inc: input.oplog.inc } : null,
        confirmTargetDataLoss: input.confirmTargetDataLoss,
      }),
    ),

  cancelRestoreJob: async (_root, { input }, context) => payload(await restores(context).cancel(input.id, input.clientMutationId ?? null)),
};
