import { randomUUID } from 'node:crypto';
import { AtlasAccessError, AtlasApiError, AtlasTransportError } from '../../atlas/errors';
import { decodeGlobalId, GlobalIdError, type RestoreJobRef } from '../globalId';
import type { JobLocation } from '../RestoreJobBaseModel';
import type { RestoreJobKind } from '../RestoreJobKind';
import type { RestoreJobModel } from '../RestoreJobModel';
import type { RestoreDelivery, RestoreRequest } from '../RestoreJobSource';
import { failed, ok, type Outcome } from '../routing/outcomes';
import type { RestoreJobRouter } from '../routing/RestoreJobRouter';
import type { RestoreJobSources } from '../sources';
import { atlasRefusal } from './atlasRefusals';
import { idempotencyStoreKey, type IdempotencyRecord, type IdempotencyStore, type StoredRecord } from './idempotency';
import { checkStartInput, fingerprintOf, restoreRequestOf } from './inputRules';
import { answered, refused, userError, type RestorePayloadModel, type StartRestoreInput } from './model';
import { matchingJobs, RECONCILE_PAGE_SIZE } from './reconcile';

/**
 * The kinds whose APIs are past their sunset, and where their clusters went (DESIGN.md): reads are routed past the
 * sunset, writes never are.
 */
export const RETIRED_KINDS: Readonly<Partial<Record<RestoreJobKind, string>>> = {
  SHARED_TIER: 'M2/M5 clusters became flex clusters (FLEX) on 2026-01-15',
  SERVERLESS: 'serverless instances became free, flex (FLEX) or dedicated clusters (CLOUD_BACKUP) on 2026-01-22',
};

/** What a service needs from its request. */
export interface RestoreServiceDeps {
  sources: RestoreJobSources;
  router: RestoreJobRouter;
  store: IdempotencyStore;
  /** The request's credential identity (a hash): keys are per identity. */
  identity: string;
  /** `ALLOWED_PROJECT_IDS`; null: every project. The source project is checked by the client on every call. */
  allowedProjectIds: ReadonlySet<string> | null;
  signal?: AbortSignal;
  now?: () => number;
  /** How long a pending key is held before another call takes it over (the request deadline). */
  leaseMs: number;
  /** How often a call waiting on another's pending key looks again. */
  pollMs?: number;
}

/**
 * Starts and cancels restores for one request: the input rules, the kind (named or discovered, as reads do), the
 * confirmation of data loss, idempotency keys, and Atlas's refusals as userErrors. Failures the caller cannot fix
 * (auth, rate limits, 5xx, timeouts, the store) are the `failed` outcome, turned into top-level errors at the edge.
 * Every POST is sent at most once per call (AtlasClient.write never retries one that may have reached Atlas).
 */
export class RestoreService {
  private readonly now: () => number;

  constructor(private readonly deps: RestoreServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async start(input: StartRestoreInput): Promise<Outcome<RestorePayloadModel>> {
    const cmid = input.clientMutationId;
    const problems = checkStartInput(input, this.now());
    if (problems.length > 0) return ok(refused(cmid, ...problems));
    const request = restoreRequestOf(input);
    const allowed = this.deps.allowedProjectIds;
    if (allowed && request.targetProjectId !== null && !allowed.has(request.targetProjectId)) {
      return failed({ reason: 'upstream', error: new AtlasAccessError(request.targetProjectId), routing: null });
    }
    const resolved = await this.kindOf(input);
    if (!resolved.ok) return resolved;
    if ('refusal' in resolved.value) return ok(refused(cmid, resolved.value.refusal));
    const kind = resolved.value.kind;
    if (!this.deps.sources[kind].definition.create?.[input.delivery]) {
      const what = { AUTOMATED: 'an automated restore', DOWNLOAD: 'a download', POINT_IN_TIME: 'a point-in-time restore' }[input.delivery];
      const field = input.kind === null ? ['input', 'clusterName'] : ['input', 'kind'];
      return ok(refused(cmid, userError('INVALID_INPUT', `${kind} clusters cannot start ${what}.`, field)));
    }
    const location: JobLocation = { kind, projectId: input.projectId, clusterName: input.clusterName };
    return this.keyed(input, location, request);
  }

  async cancel(id: string, clientMutationId: string | null): Promise<Outcome<RestorePayloadModel>> {
    let ref: RestoreJobRef;
    try {
      ref = decodeGlobalId(id);
    } catch (error) {
      if (!(error instanceof GlobalIdError)) throw error;
      return ok(refused(clientMutationId, userError('INVALID_INPUT', 'id is not a restore job id of this graph.', ['input', 'id'])));
    }
    const source = this.deps.sources[ref.kind];
    const notCancellable = (why: string) => ok(refused(clientMutationId, userError('NOT_CANCELLABLE', why, ['input', 'id'])));
    if (!source.definition.cancel) return notCancellable(`${ref.kind} restore jobs cannot be cancelled; only Cloud Backup download jobs can.`);
    const location: JobLocation = { kind: ref.kind, projectId: ref.projectId, clusterName: ref.clusterName };
    const read = await this.attempt(() => source.get(location, ref.jobId, this.deps.signal), clientMutationId);
    if (read.done) return read.answer;
    const job = read.value;
    // NOTE: Atlas's reference: "You can only cancel manual download restore jobs"; an automated restore is refused
    // here rather than sent (DESIGN.md: no upstream DELETE for what cannot be cancelled).
    if (job.deliveryType !== 'DOWNLOAD') return notCancellable('Only download restore jobs can be cancelled; an automated or point-in-time restore runs to its end.');
    if (job.isTerminal) return notCancellable(`The job is already ${job.status}.`);
    const cancelled = await this.attempt(() => source.cancel(location, ref.jobId, this.deps.signal), clientMutationId);
    if (cancelled.done) return cancelled.answer;
    const after = await this.attempt(() => source.get(location, ref.jobId, this.deps.signal), clientMutationId);
    if (after.done) return after.answer;
    return ok(answered([after.value], false, clientMutationId));
  }

  /** The kind to write with: the one named, or the cluster's (discovered as reads do). A retired kind is refused. */
  private async kindOf(input: StartRestoreInput): Promise<Outcome<{ kind: RestoreJobKind } | { refusal: ReturnType<typeof userError> }>> {
    const named = input.kind;
    if (named !== null && RETIRED_KINDS[named] === undefined) return ok({ kind: named });
    const described = await this.deps.router.cluster({ projectId: input.projectId, clusterName: input.clusterName });
    if (!described.ok) return described;
    const cluster = described.value;
    const field = named === null ? ['input', 'clusterName'] : ['input', 'kind'];
    if (named !== null) {
      const now = cluster?.kind && RETIRED_KINDS[cluster.kind] === undefined ? `; this cluster is served by ${cluster.kind}: start the restore with kind ${cluster.kind}` : '';
      return ok({ refusal: userError('KIND_RETIRED', `${named} restores can no longer be started: ${RETIRED_KINDS[named]}${now}.`, field) });
    }
    if (!cluster) return ok({ refusal: userError('CLUSTER_NOT_FOUND', `Atlas knows no cluster ${input.clusterName} in project ${input.projectId}.`, field) });
    if (cluster.kind === null) return ok({ refusal: userError('INVALID_INPUT', `${input.clusterName} is a free cluster: it has no backups to restore.`, field) });
    if (RETIRED_KINDS[cluster.kind] !== undefined) {
      return ok({ refusal: userError('KIND_RETIRED', `${input.clusterName} is a ${cluster.kind} cluster, whose restores can no longer be started: ${RETIRED_KINDS[cluster.kind]}.`, field) });
    }
    return ok({ kind: cluster.kind });
  }

  /** The idempotency key's rules around the POST: replay, reuse, waiting for a holder, reconciling a lost answer. */
  private async keyed(input: StartRestoreInput, location: JobLocation, request: RestoreRequest): Promise<Outcome<RestorePayloadModel>> {
    const { store } = this.deps;
    const cmid = input.clientMutationId;
    const key = idempotencyStoreKey(this.deps.identity, input.idempotencyKey);
    const fingerprint = fingerprintOf(input);
    const owner = randomUUID();
    const claimedAt = this.now();
    const mine: IdempotencyRecord = { fingerprint, state: 'pending', firstTryAtMs: claimedAt, claimedAtMs: claimedAt, owner, jobs: [] };
    for (;;) {
      const held = await store.claim(key, mine);
      if (held === null) return this.post(key, mine, input.delivery, location, request, cmid);
      const { record } = held;
      if (record.fingerprint !== fingerprint) {
        return ok(refused(cmid, userError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used with another input in the last 24 hours: use a new key for a new restore.', ['input', 'idempotencyKey'])));
      }
      if (record.state === 'done') return this.replay(record, cmid);
      if (record.state === 'pending' && this.now() - record.claimedAtMs < this.deps.leaseMs) {
        if (!(await this.pause())) return ok(refused(cmid, outcomeUnknown()));
        continue;
      }
      // A lost answer (or a holder that never finished): take the key over, look for the job, post only if it is not there.
      const takeover: IdempotencyRecord = { ...record, state: 'pending', claimedAtMs: this.now(), owner };
      if (!(await store.replace(key, held, takeover))) continue;
      const found = await this.reconcile(location, input.delivery, request, record.firstTryAtMs);
      if (!found.ok) {
        await store.put(key, { ...takeover, state: 'unknown' });
        return found;
      }
      if (found.value.length > 0) {
        await store.put(key, { ...takeover, state: 'done', jobs: found.value.map(refOf) });
        return ok(answered(found.value, true, cmid));
      }
      return this.post(key, takeover, input.delivery, location, request, cmid);
    }
  }

  /** The one POST of this call; the record says afterwards what happened. */
  private async post(
    key: string,
    record: IdempotencyRecord,
    delivery: RestoreDelivery,
    location: JobLocation,
    request: RestoreRequest,
    cmid: string | null,
  ): Promise<Outcome<RestorePayloadModel>> {
    const { store } = this.deps;
    let jobs: RestoreJobModel[];
    try {
      jobs = await this.deps.sources[location.kind].create(location, delivery, request, this.deps.signal);
    } catch (error) {
      const refusal = atlasRefusal(error);
      if (refusal) {
        await store.release(key);
        return ok(refused(cmid, refusal));
      }
      if (mayHaveReachedAtlas(error)) {
        await store.put(key, { ...record, state: 'unknown' });
        if (error instanceof AtlasTransportError) return ok(refused(cmid, outcomeUnknown()));
      } else {
        await store.release(key);
      }
      return failed({ reason: 'upstream', error, routing: null });
    }
    await store.put(key, { ...record, state: 'done', jobs: jobs.map(refOf) });
    return ok(answered(jobs, false, cmid));
  }

  /** The first answer again: the jobs it created, as Atlas reports them now (read, never posted). */
  private async replay(record: IdempotencyRecord, cmid: string | null): Promise<Outcome<RestorePayloadModel>> {
    try {
      const jobs = await Promise.all(
        record.jobs.map((ref) => this.deps.sources[ref.kind].get({ kind: ref.kind, projectId: ref.projectId, clusterName: ref.clusterName }, ref.jobId, this.deps.signal)),
      );
      return ok(answered(jobs, true, cmid));
    } catch (error) {
      return failed({ reason: 'upstream', error, routing: null });
    }
  }

  /** The cluster's newest jobs that the lost POST may have created. */
  private async reconcile(location: JobLocation, delivery: RestoreDelivery, request: RestoreRequest, firstTryAtMs: number): Promise<Outcome<RestoreJobModel[]>> {
    try {
      const page = await this.deps.sources[location.kind].page(location, 1, RECONCILE_PAGE_SIZE, this.deps.signal);
      return ok(matchingJobs(page.items, delivery, request, firstTryAtMs));
    } catch (error) {
      return failed({ reason: 'upstream', error, routing: null });
    }
  }

  /** One call to Atlas whose refusal the caller can fix is a payload; other failures are the failed outcome. */
  private async attempt<T>(call: () => Promise<T>, cmid: string | null): Promise<Step<T>> {
    try {
      return { done: false, value: await call() };
    } catch (error) {
      const refusal = atlasRefusal(error);
      if (refusal) return { done: true, answer: ok(refused(cmid, { ...refusal, field: ['input', 'id'] })) };
      return { done: true, answer: failed({ reason: 'upstream', error, routing: null }) };
    }
  }

  /** Waits one poll interval; false when the request ended meanwhile. */
  private async pause(): Promise<boolean> {
    const signal = this.deps.signal;
    if (signal?.aborted) return false;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.deps.pollMs ?? 50);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
    return !signal?.aborted;
  }
}

/** A call's value, or the mutation's answer already (a refusal or a failure). */
type Step<T> = { done: false; value: T } | { done: true; answer: Outcome<RestorePayloadModel> };

function refOf(job: RestoreJobModel): RestoreJobRef {
  return { kind: job.kind, projectId: job.projectId, clusterName: job.clusterName, jobId: job.jobId };
}

function outcomeUnknown() {
  return userError(
    'OUTCOME_UNKNOWN',
    'The request reached Atlas but its answer was lost: the restore may have started. Retry with the same idempotencyKey: the gateway looks for the job before it starts another.',
    ['input', 'idempotencyKey'],
  );
}

/**
 * True when a failed POST may have been handled by Atlas: a lost or broken answer (timeout after sending, reset,
 * abort, unreadable body) or a 5xx. Connect failures, a refused credential, a rate limit, an open breaker and a
 * project outside ALLOWED_PROJECT_IDS mean nothing was handled.
 */
function mayHaveReachedAtlas(error: unknown): boolean {
  if (error instanceof AtlasTransportError) return error.failure !== 'connect' && error.failure !== 'connect_timeout';
  return error instanceof AtlasApiError && error.status >= 500;
}
