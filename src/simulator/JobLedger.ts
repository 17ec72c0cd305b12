import { createHash } from 'node:crypto';
import type { RestoreJobKind } from '../restoreJobs/RestoreJobKind';
import type { Job } from './SeedData';

/** Where a created job stands at one moment: what its renderer needs. */
export interface JobMoment {
  /** Steps passed since creation, capped at the job's last state (frozen once cancelled). */
  step: number;
  /** Whether it was cancelled by then. */
  cancelled: boolean;
  /** The moment (ms). */
  atMs: number;
  /** When step `n` began (ms): `createdAtMs + n * stepMs`. */
  stepAt(n: number): number;
}

/** A job created through the simulator's API. Its body is computed from elapsed time on every read (no timers). */
export interface CreatedJob {
  kind: RestoreJobKind;
  projectId: string;
  clusterName: string;
  id: string;
  createdAtMs: number;
  /** The index of its last state: it is finished from that step on (e.g. 3 for flex PENDING→QUEUED→RUNNING→COMPLETED). */
  steps: number;
  /** When it was cancelled (null: never). */
  cancelledAtMs: number | null;
  /** Ids of the per-shard jobs of a sharded restore (they exist, but only the parent job is listed). */
  shardJobIds: string[];
  /** Its body at a moment. */
  render(moment: JobMoment): Job;
}

/** What a kind's create handler gives the ledger: the job without its bookkeeping. */
export type NewJob = Omit<CreatedJob, 'cancelledAtMs' | 'shardJobIds'> & { shardJobIds?: string[] };

/**
 * The jobs created through the simulator, per cluster and kind, newest first. A job advances one state per
 * `stepMs` of the simulator's clock, computed on read, so tests move time with an injected clock and never sleep.
 */
export class JobLedger {
  private readonly jobs: CreatedJob[] = [];
  private counter = 0;

  constructor(private readonly stepMs: number) {}

  /** A fresh ObjectId-shaped id: `atMs` in seconds, a fixed part that no seeded id has, a counter. */
  newId(atMs: number): string {
    this.counter += 1;
    return `${Math.floor(atMs / 1000).toString(16).padStart(8, '0')}0c4ea7ed00${this.counter.toString(16).padStart(6, '0')}`;
  }

  /** Records a created job (it lists first in its cluster from now on). */
  add(job: NewJob): CreatedJob {
    const created: CreatedJob = { ...job, cancelledAtMs: null, shardJobIds: job.shardJobIds ?? [] };
    this.jobs.unshift(created);
    return created;
  }

  /** The created jobs of one kind of one cluster, newest first. */
  of(kind: RestoreJobKind, projectId: string, clusterName: string): CreatedJob[] {
    return this.jobs.filter((j) => j.kind === kind && j.projectId === projectId && j.clusterName === clusterName);
  }

  /** Every created job, newest first. */
  all(): readonly CreatedJob[] {
    return this.jobs;
  }

  /** Where a job stands at `atMs`. */
  momentOf(job: CreatedJob, atMs: number): JobMoment {
    const until = job.cancelledAtMs === null ? atMs : Math.min(atMs, job.cancelledAtMs);
    const elapsed = Math.max(0, until - job.createdAtMs);
    const step = this.stepMs > 0 ? Math.min(job.steps, Math.floor(elapsed / this.stepMs)) : job.steps;
    return { step, cancelled: job.cancelledAtMs !== null && job.cancelledAtMs <= atMs, atMs, stepAt: (n) => job.createdAtMs + n * this.stepMs };
  }

  /** The job's body at `atMs`. */
  render(job: CreatedJob, atMs: number): Job {
    return job.render(this.momentOf(job, atMs));
  }
}

/** A download credential that looks like the seed's (`sim-` and hex) and is no secret: derived from the job id. */
export function simToken(jobId: string, purpose: string, length = 32): string {
  return `sim-${createHash('sha256').update(`${jobId}:${purpose}`).digest('hex').slice(0, length)}`;
}
