import { clusterIdOf, clusterOf, isSharded, stableId } from '../clusters';
import { clusterNotFound, invalidQuery, SimulatorErrorCode } from '../errors';
import { OBJECT_ID } from '../http';
import { simToken, type JobMoment } from '../JobLedger';
import { CLUSTER_NAME, invalidAttribute, missingAttribute, notTogether, RequestBody, validationError } from '../requestBody';
import { refuseIfRestoring, restoreTarget, snapshotToRestore } from '../restores';
import { ATLAS_V2, HOUR, iso } from '../seed/factory';
import { replicaSetNames } from '../seed/snapshots';
import type { BsonTimestampWire } from '../../atlas/wire';
import type { BackupRestoreJobDeliveryWire, BackupRestoreJobWire } from '../wire';
import type { RestoreTarget, SimulatedKind, WriteAnswer, WriteContext, WriteRequest } from './SimulatedKind';

/** `BackupRestoreJobDelivery.methodName`'s enum. */
const METHOD_NAMES = ['CLIENT_PIT_HTTP', 'QUERY', 'AUTOMATED_RESTORE', 'HTTP', 'THIRD_PARTY_COPY', 'CLIENT_PIT_SCP', 'SCP'] as const;
/** `delivery.statusName` of a created job, one per step; the job is FINISHED at the last. */
const DELIVERY_PROGRESS = ['NOT_STARTED', 'IN_PROGRESS', 'READY'] as const;
/** An ISO 8601 date-time in UTC or with an offset (what `oplogTs` takes). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const DAY = 24 * HOUR;

/** The cluster a request names, or 404 CLUSTER_NOT_FOUND (a cluster of any other kind has no legacy backup). */
function legacyCluster(seed: Parameters<SimulatedKind['servingCluster']>[0], groupId: string, clusterName: string) {
  const cluster = clusterOf(seed, groupId, clusterName);
  if (cluster?.kind !== 'LEGACY_BACKUP') throw clusterNotFound(clusterName, groupId);
  return cluster;
}

/** Legacy Backup restore jobs (`…/clusters/{clusterName}/restoreJobs`), v2 and v1.0. */
export const legacyBackup: SimulatedKind = {
  kind: 'LEGACY_BACKUP',
  pattern: /^\/api\/atlas\/(v2|v1\.0)\/groups\/([^/]+)\/clusters\/([^/]+)\/restoreJobs(?:\/([^/]+))?$/,
  mediaType: 'application/vnd.atlas.2023-01-01+json',
  paged: true,
  jobNotFound: SimulatorErrorCode.RestoreJobNotFound,
  servingCluster: legacyCluster,
  listFilter(query) {
    const batchId = query.get('batchId');
    if (batchId === null) return null;
    if (!OBJECT_ID.test(batchId)) throw invalidQuery('batchId', batchId, 'a 24-hexadecimal digit string');
    return (job) => job.batchId === batchId;
  },
  runningRestoreTarget(job) {
    const { statusName, delivery } = job as BackupRestoreJobWire;
    if (statusName !== 'IN_PROGRESS' || !delivery?.targetGroupId || !delivery.targetClusterName) return null;
    return { groupId: delivery.targetGroupId, clusterName: delivery.targetClusterName };
  },
  writes: [
    {
      operationId: 'createGroupClusterRestoreJob',
      method: 'POST',
      pattern: /^\/api\/atlas\/(v2|v1\.0)\/groups\/([^/]+)\/clusters\/([^/]+)\/restoreJobs$/,
      handle: (ctx, request) => create(ctx, request),
    },
  ],
};

/** A legacy restore request, checked. */
interface LegacyRestore {
  automated: boolean;
  snapshotId?: string;
  pointInTimeUTCMillis?: number;
  oplog?: { ts: string; inc: number };
  target?: RestoreTarget & { clusterId?: string };
  expirationHours: number;
  maxDownloads: number;
}

/**
 * createGroupClusterRestoreJob (v1.0: createLegacyBackupRestoreJob): a `BackupRestoreJob` in, a page
 * (`PaginatedRestoreJobView`, 200) of the jobs created out: one for a replica set; for a sharded cluster one per
 * shard plus one for the config server, all in one batch (`batchId`), as the spec's list operation describes.
 * NOTE: the operation declares no 409; a restore onto a target another restore is writing to still answers Atlas's
 * 409 ATLAS_CLUSTER_RESTORE_IN_PROGRESS, as every other kind's create does.
 */
function create(ctx: WriteContext, request: WriteRequest): WriteAnswer {
  const { groupId, clusterName } = request;
  const source = legacyCluster(ctx.seed, groupId, clusterName);
  const restore = readLegacyRestore(ctx, RequestBody.parse(request.bodyText));
  const snapshot = restore.snapshotId === undefined ? undefined : snapshotToRestore(ctx, { groupId, clusterName }, restore.snapshotId, ['legacy']);
  if (restore.target) refuseIfRestoring(ctx, restore.target);
  const replicaSets: (string | null)[] = isSharded(source) ? replicaSetNames(source) : [null];
  const batchId = replicaSets.length > 1 ? ctx.jobs.newId(ctx.now) : undefined;
  const created = replicaSets.map((replicaSet) => {
    const id = ctx.jobs.newId(ctx.now);
    const job: CreatedLegacyJob = {
      id,
      groupId,
      clusterName,
      clusterId: replicaSet === null ? clusterIdOf(groupId, clusterName) : stableId(`cluster:${groupId}:${clusterName}:${replicaSet}`),
      file: `${replicaSet ?? clusterName}-${restore.snapshotId ?? id}.tar.gz`,
      createdAtMs: ctx.now,
      restore,
      ...(batchId ? { batchId } : {}),
      ...(snapshot?.shape === 'legacy' && snapshot.body.created ? { snapshotTimestamp: snapshot.body.created } : {}),
    };
    return ctx.jobs.add({
      kind: 'LEGACY_BACKUP',
      projectId: groupId,
      clusterName,
      id,
      createdAtMs: ctx.now,
      steps: DELIVERY_PROGRESS.length - 1,
      render: (moment) => renderLegacyJob(job, moment),
    });
  });
  const results = created.map((job) => ctx.jobs.render(job, ctx.now));
  return { status: 200, body: { links: [{ href: `${ctx.baseUrl}${request.path}`, rel: 'self' }], results, totalCount: results.length } };
}

/**
 * Reads a legacy restore request. `delivery.methodName` AUTOMATED_RESTORE restores onto `delivery.targetGroupId` and
 * `targetClusterName` (or `targetClusterId`), from a `snapshotId` or a point in time (`pointInTimeUTCMillis`, within
 * the last 24 hours, or `oplogTs` as an ISO date-time with `oplogInc`); HTTP is a download of a snapshot, no target.
 * NOTE: the spec's descriptions contradict each other on `checkpointId` ("use with sharded clusters only"; the
 * operation "doesn't support creating checkpoint restore jobs for sharded clusters"), so the simulator refuses it;
 * it also creates only AUTOMATED_RESTORE and HTTP restores (the other methods are SCP-era and query/third-party
 * deliveries no client of this gateway sends), refusing the rest with INVALID_ATTRIBUTE.
 * NOTE: `oplogTs`'s pattern in the spec has doubled backslashes (test/contract/specSchemas.ts); the simulator checks
 * the ISO date-time the description asks for.
 */
function readLegacyRestore(ctx: WriteContext, body: RequestBody): LegacyRestore {
  body.only(['checkpointId', 'delivery', 'oplogInc', 'oplogTs', 'pointInTimeUTCMillis', 'snapshotId']);
  const delivery = body.object('delivery', { required: true })!.only(['expirationHours', 'maxDownloads', 'methodName', 'targetClusterId', 'targetClusterName', 'targetGroupId']);
  const methodName = delivery.string('methodName', { required: true, oneOf: METHOD_NAMES });
  if (methodName !== 'AUTOMATED_RESTORE' && methodName !== 'HTTP') throw invalidAttribute(delivery.name('methodName'), 'the simulator creates AUTOMATED_RESTORE and HTTP restores only');
  if (body.has('checkpointId')) throw invalidAttribute('checkpointId', 'checkpoint restores are not supported by this operation');
  const automated = methodName === 'AUTOMATED_RESTORE';
  const snapshotId = body.string('snapshotId');
  const pointInTimeUTCMillis = body.integer('pointInTimeUTCMillis', { min: 1_199_145_600_000, max: Number.MAX_SAFE_INTEGER });
  const oplogTs = body.string('oplogTs');
  const oplogInc = body.integer('oplogInc', { min: 1 });
  const why = 'a restore starts from one snapshot or one point in time';
  notTogether(body, 'snapshotId', 'pointInTimeUTCMillis', why);
  notTogether(body, 'snapshotId', 'oplogTs', why);
  notTogether(body, 'pointInTimeUTCMillis', 'oplogTs', why);
  if (oplogTs !== undefined && oplogInc === undefined) throw missingAttribute('oplogInc');
  if (oplogInc !== undefined && oplogTs === undefined) throw missingAttribute('oplogTs');
  if (snapshotId === undefined && pointInTimeUTCMillis === undefined && oplogTs === undefined) throw missingAttribute('snapshotId');
  if (!automated && (pointInTimeUTCMillis !== undefined || oplogTs !== undefined)) {
    const field = pointInTimeUTCMillis !== undefined ? 'pointInTimeUTCMillis' : 'oplogTs';
    throw validationError(`${field} applies when delivery.methodName is AUTOMATED_RESTORE.`, [{ field, description: 'AUTOMATED_RESTORE only' }]);
  }
  if (pointInTimeUTCMillis !== undefined && (pointInTimeUTCMillis > ctx.now || pointInTimeUTCMillis < ctx.now - DAY)) {
    throw invalidAttribute('pointInTimeUTCMillis', 'must fall within the last 24 hours');
  }
  if (oplogTs !== undefined && (!ISO_DATE_TIME.test(oplogTs) || Number.isNaN(Date.parse(oplogTs)) || Date.parse(oplogTs) > ctx.now)) {
    throw invalidAttribute('oplogTs', 'must be a past ISO 8601 date and time');
  }
  const targetGroupId = delivery.string('targetGroupId', { required: automated, pattern: OBJECT_ID });
  const targetClusterName = delivery.string('targetClusterName', { pattern: CLUSTER_NAME });
  const targetClusterId = delivery.string('targetClusterId', { pattern: OBJECT_ID });
  const expirationHours = delivery.integer('expirationHours', { min: 1 }) ?? 48;
  const maxDownloads = delivery.integer('maxDownloads', { min: 1 }) ?? 3;
  const base = {
    automated,
    ...(snapshotId !== undefined ? { snapshotId } : {}),
    ...(pointInTimeUTCMillis !== undefined ? { pointInTimeUTCMillis } : {}),
    ...(oplogTs !== undefined && oplogInc !== undefined ? { oplog: { ts: oplogTs, inc: oplogInc } } : {}),
    expirationHours,
    maxDownloads,
  };
  if (!automated) {
    const named = (['targetGroupId', 'targetClusterName', 'targetClusterId'] as const).find((f) => delivery.has(f));
    if (named) throw validationError(`An HTTP (download) restore names no target: ${delivery.name(named)} cannot be specified.`, [{ field: delivery.name(named), description: 'AUTOMATED_RESTORE only' }]);
    return base;
  }
  if (targetClusterName === undefined && targetClusterId === undefined) throw missingAttribute(delivery.name('targetClusterName'));
  const cluster = restoreTarget(ctx, targetGroupId!, targetClusterName !== undefined ? { name: targetClusterName } : { id: targetClusterId! });
  if (targetClusterId !== undefined && clusterIdOf(targetGroupId!, cluster.name) !== targetClusterId) {
    throw validationError('delivery.targetClusterName and delivery.targetClusterId name different clusters.', [
      { field: delivery.name('targetClusterId'), description: `is not the id of ${cluster.name}` },
    ]);
  }
  return { ...base, target: { groupId: targetGroupId!, clusterName: cluster.name, ...(targetClusterId !== undefined ? { clusterId: targetClusterId } : {}) } };
}

/** One created legacy job (a replica set's, or one shard's of a batch). */
interface CreatedLegacyJob {
  id: string;
  groupId: string;
  clusterName: string;
  clusterId: string;
  /** The download's file name. */
  file: string;
  createdAtMs: number;
  restore: LegacyRestore;
  batchId?: string;
  snapshotTimestamp?: BsonTimestampWire;
}

/**
 * A created legacy job's body: IN_PROGRESS with `delivery.statusName` NOT_STARTED, then IN_PROGRESS, then FINISHED
 * and READY, one state per step; a download then has its URLs, verification key, expiry and file hash (all `sim-`
 * tokens, like the seed's).
 * NOTE: the spec says an automated restore's response "returns `delivery.methodName: HTTP`, as an automated restore
 * uses HTTP to deliver the restore job to the target host", so a created automated job reads HTTP with its target.
 */
function renderLegacyJob(job: CreatedLegacyJob, m: JobMoment): BackupRestoreJobWire {
  const { restore } = job;
  const deliveryStatus = DELIVERY_PROGRESS[m.step]!;
  const ready = deliveryStatus === 'READY';
  const self = `${ATLAS_V2}/groups/${job.groupId}/clusters/${job.clusterName}/restoreJobs/${job.id}`;
  let delivery: BackupRestoreJobDeliveryWire;
  if (restore.target) {
    delivery = {
      methodName: 'HTTP',
      statusName: deliveryStatus,
      ...(restore.target.clusterId ? { targetClusterId: restore.target.clusterId } : {}),
      targetClusterName: restore.target.clusterName,
      targetGroupId: restore.target.groupId,
    };
  } else {
    const urlV2 = `https://restore-${job.clusterId}.mongodb.net:27017/${job.id}/${job.file}`;
    delivery = {
      ...(ready ? { authHeader: 'X-Restore-Verification-Key', authValue: simToken(job.id, 'verification-key', 40) } : {}),
      expirationHours: restore.expirationHours,
      ...(ready ? { expires: iso(m.stepAt(m.step) + restore.expirationHours * HOUR) } : {}),
      maxDownloads: restore.maxDownloads,
      methodName: 'HTTP',
      statusName: deliveryStatus,
      ...(ready ? { url: `${urlV2}?token=${simToken(job.id, 'url')}`, urlV2 } : {}),
    };
  }
  const hashes = ready && !restore.target ? [{ fileName: job.file, hash: simToken(job.id, 'sha1', 40).slice(4), links: [{ href: self, rel: 'http://cloud.mongodb.com/restoreJob' }], typeName: 'SHA1' }] : undefined;
  return {
    ...(job.batchId ? { batchId: job.batchId } : {}),
    clusterId: job.clusterId,
    clusterName: job.clusterName,
    created: iso(job.createdAtMs),
    delivery,
    encryptionEnabled: false,
    groupId: job.groupId,
    ...(hashes ? { hashes } : {}),
    id: job.id,
    links: [
      { href: self, rel: 'self' },
      { href: `${ATLAS_V2}/groups/${job.groupId}/clusters/${job.clusterName}`, rel: 'http://cloud.mongodb.com/cluster' },
    ],
    ...(restore.snapshotId !== undefined ? { snapshotId: restore.snapshotId } : {}),
    statusName: ready ? 'FINISHED' : 'IN_PROGRESS',
    ...(job.snapshotTimestamp ? { timestamp: job.snapshotTimestamp } : {}),
  };
}
