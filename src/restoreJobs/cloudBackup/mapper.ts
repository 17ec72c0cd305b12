import { withKindFields } from '../mapping/base';
import { toFlagRestoreModel } from '../mapping/flagRestore';
import { downloadUrls, str } from '../mapping/mapping';
import type { JobLocation } from '../RestoreJobBaseModel';
import type { CloudBackupRestoreComponentModel, CloudBackupRestoreJobModel, PrivateDownloadUrlModel } from './model';
import type { ApiPrivateDownloadDeliveryUrlWire, DiskBackupRestoreMemberWire, DiskBackupSnapshotRestoreJobWire } from './wire';

/** An http(s) URL, or null (the `URL` scalar rejects anything else). */
function urlOrNull(value: unknown): string | null {
  return typeof value === 'string' ? (downloadUrls(value)[0] ?? null) : null;
}

function toPrivateUrls(values: ApiPrivateDownloadDeliveryUrlWire[] | undefined): PrivateDownloadUrlModel[] {
  return Array.isArray(values)
    ? values.map((v) => ({ url: urlOrNull(v?.deliveryUrl), endpointId: str(v?.endpointId) }))
    : [];
}

function toComponent(member: DiskBackupRestoreMemberWire): CloudBackupRestoreComponentModel {
  return {
    replicaSetName: str(member?.replicaSetName),
    downloadUrl: urlOrNull(member?.downloadUrl),
    privateDownloadUrls: toPrivateUrls(member?.privateDownloadDeliveryUrls),
  };
}

/**
 * Whether a download job can be downloaded now: a DOWNLOAD job that is not cancelled, failed or expired and whose URLs
 * Atlas has sent. For a sharded cluster (with `components`) every replica set needs a URL (public or private);
 * otherwise the job needs one in `deliveryUrl` or `privateDownloadDeliveryUrls`.
 * NOTE: the spec says the URLs appear "when deliveryType is download"; it has no readiness flag of its own, so this is
 * derived, and it reads no clock (an `expiresAt` in the past without `expired` still counts until Atlas flags it).
 */
export function isReadyForDownload(
  model: Pick<CloudBackupRestoreJobModel, 'deliveryType' | 'status' | 'downloadUrls' | 'privateDownloadUrls' | 'components'>,
  topLevelUrls: string[],
): boolean {
  if (model.deliveryType !== 'DOWNLOAD') return false;
  if (model.status === 'CANCELLED' || model.status === 'FAILED' || model.status === 'EXPIRED') return false;
  if (model.components.length > 0) {
    return model.components.every((c) => c.downloadUrl !== null || c.privateDownloadUrls.some((p) => p.url !== null));
  }
  return topLevelUrls.length > 0 || model.privateDownloadUrls.some((p) => p.url !== null);
}

/**
 * `DiskBackupSnapshotRestoreJob` -> CloudBackupRestoreJobModel; null without a job id. The status comes from the flags
 * as for serverless jobs. `downloadUrls` holds `deliveryUrl` followed by the components' `downloadUrl`s (each once);
 * the private-endpoint URLs stay in `privateDownloadUrls`, since they only work through that endpoint.
 */
export function toCloudBackupModel(wire: DiskBackupSnapshotRestoreJobWire, location: JobLocation): CloudBackupRestoreJobModel | null {
  const components = Array.isArray(wire.components) ? wire.components.map(toComponent) : [];
  const topLevelUrls = Array.isArray(wire.deliveryUrl) ? downloadUrls(...wire.deliveryUrl) : [];
  const urls = [...new Set([...topLevelUrls, ...components.flatMap((c) => (c.downloadUrl === null ? [] : [c.downloadUrl]))])];
  const base = toFlagRestoreModel('CLOUD_BACKUP', wire, location, urls);
  if (!base) return null;
  const model = withKindFields(base, { components, privateDownloadUrls: toPrivateUrls(wire.privateDownloadDeliveryUrls) });
  return withKindFields(model, { isReadyForDownload: isReadyForDownload(model, topLevelUrls) });
}
