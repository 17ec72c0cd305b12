import { encodeGlobalId } from './globalIdEncoding';
import { isObjectId, objectIdOrNull, str, toLinks } from './mapping';
import {
  isTerminalStatus,
  type JobLocation,
  type RestoreDeliveryType,
  type RestoreJobBaseModel,
  type RestoreJobStatus,
} from '../RestoreJobBaseModel';
import type { LinkWire } from '../../atlas/wire';

/** What a kind's mapper decides; {@link baseModel} derives the rest the same way for every kind. */
export interface BaseFields {
  id: unknown;
  snapshotId: unknown;
  status: RestoreJobStatus;
  atlasStatus: string | null;
  deliveryType: RestoreDeliveryType;
  createdAt: Date | null;
  finishedAt: Date | null;
  expiresAt: Date | null;
  targetProjectId: unknown;
  targetClusterName: unknown;
  downloadUrls: string[];
  links: LinkWire[] | undefined;
}

/**
 * The interface fields of a job. Project and cluster come from the request path, so the global id always leads back
 * to where the job was found. Null when the body has no usable job id.
 */
export function baseModel<K extends JobLocation['kind']>(
  kind: K,
  location: JobLocation,
  fields: BaseFields,
): (RestoreJobBaseModel & { kind: K }) | null {
  if (!isObjectId(fields.id)) return null;
  const ref = { kind, projectId: location.projectId, clusterName: location.clusterName, jobId: fields.id };
  return {
    kind,
    projectId: ref.projectId,
    clusterName: ref.clusterName,
    jobId: ref.jobId,
    id: encodeGlobalId(ref),
    // A slot for routing's copy (RestoreJobRouter's withRequestedKind), so that the copy keeps this shape.
    requestedKind: undefined,
    snapshotId: objectIdOrNull(str(fields.snapshotId)),
    status: fields.status,
    atlasStatus: fields.atlasStatus,
    isTerminal: isTerminalStatus(fields.status),
    deliveryType: fields.deliveryType,
    createdAt: fields.createdAt,
    finishedAt: fields.finishedAt,
    expiresAt: fields.expiresAt,
    targetProjectId: objectIdOrNull(str(fields.targetProjectId)),
    targetClusterName: str(fields.targetClusterName),
    downloadUrls: fields.downloadUrls,
    links: toLinks(fields.links),
  };
}

/**
 * A kind's model: the base fields, then the kind's own, in one object (the base object, extended in place).
 * NOTE: on Node 20 (V8 11.3) an object literal that spreads another and then adds properties (`{ ...base, more }`)
 * gets a hidden class of its own every time: each added property costs a runtime map transition (about 2 µs), and
 * every later read of such objects (GraphQL's field resolvers) is megamorphic. Object.assign onto the base literal
 * follows shared transitions, so all jobs of one kind share one shape. Measured in bench/README.md.
 */
export function withKindFields<B extends object, E extends object>(base: B, kindFields: E): B & E {
  return Object.assign(base, kindFields);
}
