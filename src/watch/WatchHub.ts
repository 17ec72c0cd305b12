import type { PollSchedule } from '../config';
import { endReached, type Observation, type PollOutcome, type WatchEnd, type WatchFailure, type WatchMessage, type WatchStop, type WatchTarget } from './model';
import { pollDelayMs } from './schedule';
import { Subscriber } from './Subscriber';

/** Time and chance of the watch (tests and the bench scale or drive them). */
export interface WatchClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Runs `fn` after `ms`; the handle is given back to {@link clearTimer}. */
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Uniform in [0, 1): the schedule's jitter. */
  random(): number;
}

/** Real time; timers never hold the process open. */
export const REAL_WATCH_CLOCK: WatchClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
  random: Math.random,
};

/** What replicas share about one poll: an observation, or the failure that ended it. */
export type SharedMessage = { type: 'observation'; observation: Observation } | { type: 'fatal'; failure: WatchFailure };

/**
 * How replicas elect one poller per key and share what it saw (RedisWatchCoordinator with `REDIS_URL`). Every method
 * may reject (Redis down): the hub then polls on its own, so a watch never stops for want of Redis.
 */
export interface WatchCoordinator {
  /** Listens for what other replicas publish on `key`; resolves the last message published (null: none yet). */
  join(key: string, onMessage: (message: SharedMessage) => void): Promise<{ last: SharedMessage | null; leave(): Promise<void> }>;
  /** Takes the lease on `key`, or renews it when this replica holds it: true while it does. */
  acquire(key: string): Promise<boolean>;
  /** Gives the lease up (only when this replica holds it). */
  release(key: string): Promise<void>;
  /** Sends a message to every replica on `key` and keeps it as the last one. */
  publish(key: string, message: SharedMessage): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link WatchHub}. */
export interface WatchHubOptions {
  schedule: PollSchedule;
  maxLifetimeMs: number;
  /** Subscriptions this process holds at once. */
  maxPerProcess: number;
  /** With `REDIS_URL`: one poller across replicas. */
  coordinator?: WatchCoordinator | null;
  /** How often a replica renews its lease, or tries to take one that lapsed. */
  leaseRenewMs?: number;
  clock?: WatchClock;
  /** Metrics: each poll's outcome (`job`, `gone`, `fatal`, or the retry's reason), each event sent, active subscriptions. */
  onPoll?: (outcome: string) => void;
  onActive?: (active: number) => void;
  /** A coordinator operation failed (Redis down): the hub went on polling by itself. */
  onCoordinatorError?: (what: string) => void;
}

/** Refused: the process holds `WATCH_MAX_PER_PROCESS` subscriptions already. */
export class WatchLimitError extends Error {
  override readonly name = 'WatchLimitError';
  constructor(readonly max: number) {
    super(`This gateway holds ${max} subscriptions already (WATCH_MAX_PER_PROCESS).`);
  }
}

/** Refused: the hub is stopping. */
export class WatchStoppingError extends Error {
  override readonly name = 'WatchStoppingError';
  constructor() {
    super('The gateway is shutting down.');
  }
}

/**
 * The shared polls of watched jobs: one poller per (credential identity, job) however many subscribers, each with its
 * own schedule (pollDelayMs), honouring Retry-After, going on after transient failures. A new subscriber's first
 * event is the poller's last observation when it has one (no GET of its own). With a coordinator, one replica holds
 * each key's lease and polls; the others relay what it publishes.
 */
export class WatchHub {
  private readonly pollers = new Map<string, Poller>();
  private readonly clock: WatchClock;
  private active = 0;
  private stopping = false;
  /** Coordinator calls still running (waited for, bounded, by shutdown). */
  readonly pending = new Set<Promise<unknown>>();

  constructor(readonly options: WatchHubOptions) {
    this.clock = options.clock ?? REAL_WATCH_CLOCK;
  }

  /** Subscriptions held now. */
  get activeSubscriptions(): number {
    return this.active;
  }

  /** Polls running now (one per key). */
  get pollerCount(): number {
    return this.pollers.size;
  }

  /** Follows a job until `until` (or GONE, a fatal failure, the lifetime, shutdown). Throws when over the limit or stopping. */
  follow(target: WatchTarget, until: WatchEnd): AsyncIterableIterator<WatchMessage> {
    if (this.stopping) throw new WatchStoppingError();
    if (this.active >= this.options.maxPerProcess) throw new WatchLimitError(this.options.maxPerProcess);
    const key = `${target.identity}\u0000${target.jobId}`;
    let poller = this.pollers.get(key);
    if (!poller) {
      poller = new Poller(key, target, this);
      this.pollers.set(key, poller);
    }
    const owner = poller;
    this.setActive(this.active + 1);
    const subscriber: Subscriber = new Subscriber(until, () => {
      this.clock.clearTimer(lifetime);
      this.setActive(this.active - 1);
      owner.remove(subscriber);
    });
    const lifetime = this.clock.setTimer(() => subscriber.stop({ reason: 'lifetime', lifetimeMs: this.options.maxLifetimeMs }), this.options.maxLifetimeMs);
    poller.add(subscriber);
    return subscriber;
  }

  /** Ends every stream with a `shutdown` stop, refuses new ones, and lets the coordinator go (bounded by `boundMs`). */
  async shutdown(boundMs = 2_000): Promise<void> {
    this.stopping = true;
    for (const poller of [...this.pollers.values()]) poller.stopAll({ reason: 'shutdown' });
    const coordinator = this.options.coordinator;
    await withinMs(Promise.allSettled([...this.pending]), boundMs);
    if (coordinator) await withinMs(coordinator.close().catch(() => undefined), boundMs);
  }

  /** @internal */
  get time(): WatchClock {
    return this.clock;
  }

  /** @internal The poller of `key` stopped. */
  forget(key: string, poller: Poller): void {
    if (this.pollers.get(key) === poller) this.pollers.delete(key);
  }

  /** @internal Runs a coordinator call, tracked for shutdown; a failure is reported and answered with `fallback`. */
  async coordinate<T>(what: string, call: () => Promise<T>, fallback: T): Promise<T> {
    const running = call();
    this.pending.add(running);
    try {
      return await running;
    } catch {
      this.options.onCoordinatorError?.(what);
      return fallback;
    } finally {
      this.pending.delete(running);
    }
  }

  private setActive(n: number): void {
    this.active = n;
    this.options.onActive?.(n);
  }
}

/** One key's shared poll and its local subscribers. */
class Poller {
  private readonly subscribers = new Set<Subscriber>();
  private last: Observation | null = null;
  private lastJobJson: string | null = null;
  private readonly startedAt: number;
  private pollTimer: unknown = null;
  private leaseTimer: unknown = null;
  private polling: AbortController | null = null;
  private stopped = false;
  /** Without a coordinator, always; with one, while this replica holds the lease. */
  private leader: boolean;
  private leave: (() => Promise<void>) | null = null;

  constructor(
    private readonly key: string,
    private readonly target: WatchTarget,
    private readonly hub: WatchHub,
  ) {
    this.startedAt = hub.time.now();
    const coordinator = hub.options.coordinator;
    this.leader = !coordinator;
    if (coordinator) void this.joinShared(coordinator);
    else this.schedule(0);
  }

  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
    // The last observation answers at once: a new subscriber costs no GET.
    if (this.last) this.deliver(this.last, [subscriber]);
  }

  remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.stop();
  }

  /** Ends every stream with `stop`, and the poll. */
  stopAll(stop: WatchStop): void {
    for (const subscriber of [...this.subscribers]) subscriber.stop(stop);
    this.stop();
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.hub.forget(this.key, this);
    const clock = this.hub.time;
    clock.clearTimer(this.pollTimer);
    clock.clearTimer(this.leaseTimer);
    this.polling?.abort();
    const coordinator = this.hub.options.coordinator;
    if (coordinator) {
      const leave = this.leave;
      void this.hub.coordinate('leave', async () => {
        await leave?.();
        if (this.leader) await coordinator.release(this.key);
      }, undefined);
    }
  }

  private schedule(ms: number): void {
    if (this.stopped || !this.leader) return;
    const clock = this.hub.time;
    clock.clearTimer(this.pollTimer);
    this.pollTimer = clock.setTimer(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    if (this.stopped || !this.leader || this.polling) return;
    const controller = new AbortController();
    this.polling = controller;
    let outcome: PollOutcome;
    try {
      outcome = await this.target.poll(controller.signal);
    } catch {
      outcome = { type: 'retry', retryAfterMs: null, reason: 'error' };
    } finally {
      this.polling = null;
    }
    this.hub.options.onPoll?.(outcome.type === 'retry' ? outcome.reason : outcome.type);
    if (this.stopped) return;
    const clock = this.hub.time;
    const now = clock.now();
    const elapsed = now - this.startedAt;
    switch (outcome.type) {
      case 'job': {
        const delay = pollDelayMs(this.hub.options.schedule, elapsed, clock.random());
        const observation: Observation = { type: 'job', job: outcome.job, observedAt: now, nextCheckAt: now + delay };
        this.share({ type: 'observation', observation });
        this.observe(observation);
        this.schedule(delay);
        return;
      }
      case 'gone': {
        const observation: Observation = { type: 'gone', observedAt: now };
        this.share({ type: 'observation', observation });
        this.observe(observation);
        return;
      }
      case 'retry':
        this.schedule(pollDelayMs(this.hub.options.schedule, elapsed, clock.random(), outcome.retryAfterMs));
        return;
      case 'fatal':
        this.share({ type: 'fatal', failure: outcome.failure });
        this.stopAll({ reason: 'failed', failure: outcome.failure });
        return;
    }
  }

  /** A new observation, from this replica's poll or another's: delivered when the job changed (else to new subscribers only). */
  private observe(observation: Observation): void {
    const json = observation.type === 'job' ? JSON.stringify(observation.job) : null;
    const changed = observation.type === 'gone' || json !== this.lastJobJson;
    this.last = observation;
    this.lastJobJson = json;
    this.deliver(observation, changed ? [...this.subscribers] : [...this.subscribers].filter((s) => !s.started));
    if (observation.type === 'gone') this.stop();
  }

  private deliver(observation: Observation, to: Subscriber[]): void {
    for (const subscriber of to) {
      if (observation.type === 'gone') {
        subscriber.finish({ type: 'event', change: 'GONE', job: null, observedAt: observation.observedAt, nextCheckAt: null });
        continue;
      }
      const { job, observedAt } = observation;
      const done = endReached(job, subscriber.until);
      const change = !subscriber.started ? 'INITIAL' : done ? 'TERMINAL' : 'CHANGED';
      const message: WatchMessage = { type: 'event', change, job, observedAt, nextCheckAt: done ? null : observation.nextCheckAt };
      if (done) subscriber.finish(message);
      else subscriber.push(message);
    }
  }

  private share(message: SharedMessage): void {
    const coordinator = this.hub.options.coordinator;
    if (coordinator) void this.hub.coordinate('publish', () => coordinator.publish(this.key, message), undefined);
  }

  private async joinShared(coordinator: WatchCoordinator): Promise<void> {
    const joined = await this.hub.coordinate('join', () => coordinator.join(this.key, (message) => this.onShared(message)), null);
    if (this.stopped) {
      if (joined) void this.hub.coordinate('leave', () => joined.leave(), undefined);
      return;
    }
    this.leave = joined?.leave ?? null;
    if (joined?.last) this.onShared(joined.last);
    if (!this.stopped) await this.renewLease(coordinator, joined === null);
  }

  /** Another replica's message (ignored while this one polls). */
  private onShared(message: SharedMessage): void {
    if (this.stopped) return;
    if (message.type === 'fatal') this.stopAll({ reason: 'failed', failure: message.failure });
    else this.observe(message.observation);
  }

  /** Takes or renews the lease; polls while it holds it; tries again every `leaseRenewMs`. */
  private async renewLease(coordinator: WatchCoordinator, redisDown = false): Promise<void> {
    // Redis unreachable: poll here rather than not at all.
    const held = redisDown || (await this.hub.coordinate('acquire', () => coordinator.acquire(this.key), true));
    if (this.stopped) return;
    const clock = this.hub.time;
    if (held && !this.leader) {
      this.leader = true;
      const due = this.last?.type === 'job' && this.last.nextCheckAt !== null ? Math.max(0, this.last.nextCheckAt - clock.now()) : 0;
      this.schedule(due);
    } else if (!held && this.leader) {
      this.leader = false;
      clock.clearTimer(this.pollTimer);
    }
    this.leaseTimer = clock.setTimer(() => void this.renewLease(coordinator), this.hub.options.leaseRenewMs ?? 5_000);
  }
}

/** Resolves when `promise` settles or after `ms`, whichever comes first. */
async function withinMs(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
