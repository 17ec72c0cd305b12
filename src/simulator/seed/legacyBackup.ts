import type { BackupRestoreJobDeliveryWire, BackupRestoreJobWire } from '../wire';
import { ATLAS_V2, HOUR, INCREMENT_BASE, iso, type ClusterContext } from './factory';

/** How a seeded legacy job delivers: a download (ready or not), a plain method, or onto a target cluster. */
export type LegacyDelivery =
  | { type: 'download'; methodName?: 'HTTP' | 'CLIENT_PIT_HTTP'; statusName: string; ready?: boolean; hashes?: boolean }
  | { type: 'plain'; methodName: string; statusName?: string }
  | {
      type: 'target';
      methodName: 'AUTOMATED_RESTORE' | 'HTTP' | 'SCP';
      statusName?: string;
      targetGroupId: string;
      targetClusterName?: string;
      targetClusterId?: string;
    };

/** One seeded legacy job, as the demo and test seeds describe it. */
export interface LegacySpec {
  createdMs: number;
  statusName: string;
  delivery: LegacyDelivery;
  id?: string;
  batchId?: string;
  clusterId?: string;
  encrypted?: boolean;
  deploymentJobId?: boolean;
  /** Point in time of the snapshot restored; default one hour before `createdMs`. */
  snapshotMs?: number;
}

/** A `BackupRestoreJob` body, shaped like the spec's (a download's URLs carry `sim-` tokens, never real secrets). */
export function legacyJob(ctx: ClusterContext, spec: LegacySpec): BackupRestoreJobWire {
  const { f, projectId, clusterName } = ctx;
  const id = spec.id ?? f.id(spec.createdMs);
  const snapshotMs = spec.snapshotMs ?? spec.createdMs - HOUR;
  const snapshotId = f.id(snapshotMs);
  const clusterId = spec.clusterId ?? ctx.clusterId;
  const self = `${ATLAS_V2}/groups/${projectId}/clusters/${clusterName}/restoreJobs/${id}`;
  let delivery: BackupRestoreJobDeliveryWire;
  let hashes: BackupRestoreJobWire['hashes'];
  const d = spec.delivery;
  if (d.type === 'download') {
    const expirationHours = 48;
    delivery = { expirationHours, maxDownloads: 3, methodName: d.methodName ?? 'HTTP', statusName: d.statusName };
    if (d.ready !== false) {
      const urlV2 = `https://restore-${clusterId}.mongodb.net:27017/${id}/${clusterName}-${snapshotId}.tar.gz`;
      delivery = {
        authHeader: 'X-Restore-Verification-Key',
        authValue: `sim-${f.hex(40)}`,
        expirationHours,
        expires: iso(spec.createdMs + expirationHours * HOUR),
        maxDownloads: 3,
        methodName: delivery.methodName,
        statusName: d.statusName,
        url: `${urlV2}?token=sim-${f.hex(32)}`,
        urlV2,
      };
      if (d.hashes !== false) {
        hashes = [
          {
            fileName: `${clusterName}-${snapshotId}.tar.gz`,
            hash: f.hex(40),
            links: [{ href: self, rel: 'http://cloud.mongodb.com/restoreJob' }],
            typeName: 'SHA1',
          },
        ];
      }
    }
  } else if (d.type === 'plain') {
    delivery = { methodName: d.methodName, ...(d.statusName ? { statusName: d.statusName } : {}) };
  } else {
    delivery = {
      methodName: d.methodName,
      ...(d.statusName ? { statusName: d.statusName } : {}),
      ...(d.targetClusterId ? { targetClusterId: d.targetClusterId } : {}),
      ...(d.targetClusterName ? { targetClusterName: d.targetClusterName } : {}),
      targetGroupId: d.targetGroupId,
    };
  }
  const job: BackupRestoreJobWire = {
    ...(spec.batchId ? { batchId: spec.batchId } : {}),
    clusterId,
    clusterName,
    created: iso(spec.createdMs),
    delivery,
    ...(spec.deploymentJobId ? { deploymentJobId: f.id(spec.createdMs - 2 * HOUR) } : {}),
    encryptionEnabled: spec.encrypted === true,
    groupId: projectId,
    ...(hashes ? { hashes } : {}),
    id,
    links: [
      { href: self, rel: 'self' },
      { href: `${ATLAS_V2}/groups/${projectId}/clusters/${clusterName}`, rel: 'http://cloud.mongodb.com/cluster' },
    ],
    ...(spec.encrypted ? { masterKeyUUID: f.uuid() } : {}),
    snapshotId,
    statusName: spec.statusName,
    timestamp: { date: iso(snapshotMs), increment: INCREMENT_BASE + (Math.floor(snapshotMs / 1000) % 97) },
  };
  return job;
}
