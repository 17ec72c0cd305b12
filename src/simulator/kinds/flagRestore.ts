import type { JobMoment } from '../JobLedger';
import { CLUSTER_NAME, missingAttribute, OBJECT_ID, validationError, type RequestBody } from '../requestBody';
import { pastSeconds } from '../restores';
import { HOUR, iso } from '../seed/factory';
import type { DiskBackupSnapshotRestoreJobWire } from '../wire';
import type { Job } from '../SeedData';
import type { RestoreTarget } from './SimulatedKind';

/** The deliveries of the flag-status kinds (Cloud Backup, serverless). */
export const FLAG_DELIVERY_TYPES = ['automated', 'download', 'pointInTime'] as const;

/** The request fields of `DiskBackupSnapshotRestoreJob` and `ServerlessBackupRestoreJob` (neither readOnly nor absent). */
export const FLAG_RESTORE_FIELDS = ['deliveryType', 'oplogInc', 'oplogTs', 'pointInTimeUTCSeconds', 'snapshotId', 'targetClusterName', 'targetGroupId'] as const;

/** A flag-status restore request, checked. */
export interface FlagRestoreRequest {
  deliveryType: (typeof FLAG_DELIVERY_TYPES)[number];
  snapshotId?: string;
  /** Where an automated or point-in-time restore writes (and, for serverless, what every request names). */
  target?: RestoreTarget;
  pointInTimeUTCSeconds?: number;
  oplog?: { ts: number; inc: number };
}

/**
 * Reads a Cloud Backup or serverless restore request: `deliveryType` automated (a snapshot onto a target), download
 * (a snapshot, no target) or pointInTime (onto a target, at exactly one of `pointInTimeUTCSeconds` or `oplogTs` +
 * `oplogInc`; a snapshot optional). `targetAlways`: the serverless schema requires the target on every request.
 * NOTE: the successors spec says the target is "Required for automated and pointInTime restore types" and is silent
 * on downloads; the simulator refuses a target on a Cloud Backup download (VALIDATION_ERROR), so a client that sends
 * one is caught. Oplog and point-in-time fields on an automated or download restore are refused alike.
 */
export function readFlagRestore(body: RequestBody, nowMs: number, targetAlways: boolean): FlagRestoreRequest {
  body.only(FLAG_RESTORE_FIELDS);
  const deliveryType = body.string('deliveryType', { required: true, oneOf: FLAG_DELIVERY_TYPES }) as FlagRestoreRequest['deliveryType'];
  const snapshotId = body.string('snapshotId');
  const pit = deliveryType === 'pointInTime';
  const wantsTarget = targetAlways || deliveryType !== 'download';
  const targetClusterName = body.string('targetClusterName', { required: wantsTarget, pattern: CLUSTER_NAME });
  const targetGroupId = body.string('targetGroupId', { required: wantsTarget, pattern: OBJECT_ID });
  if (!wantsTarget && (targetClusterName !== undefined || targetGroupId !== undefined)) {
    const field = body.name(targetClusterName !== undefined ? 'targetClusterName' : 'targetGroupId');
    throw validationError(`A download restore names no target cluster: ${field} cannot be specified.`, [{ field, description: 'not for a download' }]);
  }
  const pointInTimeUTCSeconds = pastSeconds(body, 'pointInTimeUTCSeconds', nowMs);
  const oplogTs = pastSeconds(body, 'oplogTs', nowMs);
  const oplogInc = body.integer('oplogInc', { min: 1 });
  const timeFields = (['pointInTimeUTCSeconds', 'oplogTs', 'oplogInc'] as const).filter((f) => body.has(f));
  if (!pit) {
    if (timeFields.length) {
      const field = body.name(timeFields[0]!);
      throw validationError(`${field} applies to a pointInTime restore only.`, [{ field, description: 'pointInTime only' }]);
    }
    if (snapshotId === undefined) throw missingAttribute(body.name('snapshotId'));
  } else {
    if (pointInTimeUTCSeconds !== undefined && (oplogTs !== undefined || oplogInc !== undefined)) {
      throw validationError('Specify either pointInTimeUTCSeconds or oplogTs with oplogInc, not both.', [
        { field: body.name('pointInTimeUTCSeconds'), description: 'exclusive with the oplog timestamp' },
        { field: body.name(oplogTs !== undefined ? 'oplogTs' : 'oplogInc'), description: 'exclusive with pointInTimeUTCSeconds' },
      ]);
    }
    if (oplogTs !== undefined && oplogInc === undefined) throw missingAttribute(body.name('oplogInc'));
    if (oplogInc !== undefined && oplogTs === undefined) throw missingAttribute(body.name('oplogTs'));
    if (pointInTimeUTCSeconds === undefined && oplogTs === undefined) throw missingAttribute(body.name('pointInTimeUTCSeconds'));
  }
  return {
    deliveryType,
    ...(snapshotId !== undefined ? { snapshotId } : {}),
    ...(targetClusterName !== undefined && targetGroupId !== undefined ? { target: { groupId: targetGroupId, clusterName: targetClusterName } } : {}),
    ...(pointInTimeUTCSeconds !== undefined ? { pointInTimeUTCSeconds } : {}),
    ...(oplogTs !== undefined && oplogInc !== undefined ? { oplog: { ts: oplogTs, inc: oplogInc } } : {}),
  };
}

/** A created flag-status job, as it renders at every moment. */
export interface FlagRestoreJob {
  id: string;
  request: FlagRestoreRequest;
  /** The self link. */
  self: string;
  /** When the snapshot restored was taken (the body's `timestamp`). */
  snapshotTakenAt?: string;
  /** The download URLs once it finished: one per file, or one per replica set of a sharded cluster. */
  downloadUrls: string[];
  /** The replica sets of a sharded Cloud Backup cluster (`components`), else null. */
  replicaSets: string[] | null;
  /** Whether the target is named in the body (automated and point in time; serverless always). */
  showsTarget: boolean;
}

/** How long a finished download stays downloadable. NOTE: the spec does not say; two days is the simulator's choice. */
const DOWNLOAD_LIFETIME_MS = 48 * HOUR;

/**
 * The body of a created Cloud Backup or serverless job: running (no `finishedAt`) until one step has passed, then
 * finished at that moment; a download then gains its URLs and `expiresAt`, and reads `expired` once that has passed.
 * A job cancelled while running keeps no URL (its moment stops at the cancel).
 */
export function renderFlagRestore(job: FlagRestoreJob, m: JobMoment): DiskBackupSnapshotRestoreJobWire {
  const { request } = job;
  const finished = m.step >= 1;
  const finishedAtMs = m.stepAt(1);
  const download = request.deliveryType === 'download';
  const ready = download && finished;
  const expiresAtMs = finishedAtMs + DOWNLOAD_LIFETIME_MS;
  const seconds = request.pointInTimeUTCSeconds ?? request.oplog?.ts;
  return {
    cancelled: m.cancelled,
    ...(job.replicaSets
      ? { components: job.replicaSets.map((replicaSetName, i) => ({ ...(ready ? { downloadUrl: job.downloadUrls[i]! } : {}), replicaSetName })) }
      : {}),
    deliveryType: request.deliveryType,
    ...(ready && !job.replicaSets ? { deliveryUrl: job.downloadUrls } : {}),
    expired: ready && m.atMs >= expiresAtMs,
    ...(ready ? { expiresAt: iso(expiresAtMs) } : {}),
    failed: false,
    ...(finished ? { finishedAt: iso(finishedAtMs) } : {}),
    id: job.id,
    links: [{ href: job.self, rel: 'self' }],
    ...(request.oplog ? { oplogInc: request.oplog.inc, oplogTs: request.oplog.ts } : {}),
    ...(seconds !== undefined ? { pointInTimeUTCSeconds: seconds } : {}),
    ...(request.snapshotId !== undefined ? { snapshotId: request.snapshotId } : {}),
    ...(job.showsTarget && request.target ? { targetClusterName: request.target.clusterName, targetGroupId: request.target.groupId } : {}),
    ...(job.snapshotTakenAt ? { timestamp: job.snapshotTakenAt } : {}),
  };
}

/** The target of a flag-status job still restoring onto it (automated or point in time, not cancelled, failed or finished). */
export function runningFlagTarget(job: Job): RestoreTarget | null {
  const j = job as { deliveryType?: string; cancelled?: boolean; failed?: boolean; finishedAt?: string; targetClusterName?: string; targetGroupId?: string };
  if (j.deliveryType !== 'automated' && j.deliveryType !== 'pointInTime') return null;
  if (j.cancelled || j.failed || j.finishedAt !== undefined || !j.targetClusterName || !j.targetGroupId) return null;
  return { groupId: j.targetGroupId, clusterName: j.targetClusterName };
}
