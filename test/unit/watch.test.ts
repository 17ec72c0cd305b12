import { parse } from 'graphql';
import { buildSchema } from '../../src/schema';
import { selectionProjector } from '../../src/resolvers/watchSelection';
import { failedPoll } from '../../src/resolvers/watchPoll';
import { AtlasApiError, AtlasTransportError } from '../../src/atlas/errors';
import type { FlexRestoreJobModel, RestoreJobModel } from '../../src/restoreJobs/RestoreJobModel';
import { decode, encode } from '../../src/watch/RedisWatchCoordinator';
import { downloadReady, endReached, pollDelayMs, WatchHub, type PollOutcome, type WatchClock, type WatchMessage } from '../../src/watch';
import { DEFAULT_WATCH } from '../../src/config';

const S = DEFAULT_WATCH.schedule;

describe('pollDelayMs (the watch schedule)', () => {
  it('5 s through the first minute, growing linearly to 30 s over four more, then 30 s (random 0.5: no jitter)', () => {
    expect([0, 30_000, 60_000, 120_000, 180_000, 300_000, 3_600_000].map((t) => pollDelayMs(S, t, 0.5))).toEqual([5_000, 5_000, 5_000, 11_250, 17_500, 30_000, 30_000]);
  });

  it('jitter moves a wait by up to 10 % either way', () => {
    expect([pollDelayMs(S, 0, 0), pollDelayMs(S, 0, 0.25), pollDelayMs(S, 0, 0.999999), pollDelayMs(S, 400_000, 0)]).toEqual([4_500, 4_750, 5_500, 27_000]);
  });

  it('never waits less than Atlas asked (Retry-After), and a shorter ask changes nothing', () => {
    expect([pollDelayMs(S, 0, 0.5, 20_000), pollDelayMs(S, 0, 0.5, 1_000), pollDelayMs(S, 0, 0.5, null)]).toEqual([20_000, 5_000, 5_000]);
  });

  it('without a ramp, jumps to maxMs after fastForMs', () => {
    const flat = { minMs: 100, maxMs: 400, fastForMs: 1_000, rampMs: 0, jitter: 0 };
    expect([pollDelayMs(flat, 999, 0.3), pollDelayMs(flat, 1_001, 0.3)]).toEqual([100, 400]);
  });

  it('a 30-minute job costs at most 100 polls with the defaults (the CLI: 450)', () => {
    let polls = 0;
    for (let t = 0; t < 30 * 60_000; t += pollDelayMs(S, t, 0.5)) polls += 1;
    expect(polls).toBe(81);
  });
});

const flexJob = (over: Partial<FlexRestoreJobModel> = {}): FlexRestoreJobModel => ({
  kind: 'FLEX',
  id: 'flex-1',
  projectId: '65f1c0de2a4b6c8d0e1f2a3b',
  clusterName: 'flex-cluster-0',
  jobId: '6630a1b2c3d4e5f6a7b8c9d0',
  snapshotId: null,
  status: 'PENDING',
  atlasStatus: 'PENDING',
  isTerminal: false,
  deliveryType: 'DOWNLOAD',
  createdAt: null,
  finishedAt: null,
  expiresAt: null,
  targetProjectId: null,
  targetClusterName: null,
  downloadUrls: [],
  links: [],
  atlasDeliveryType: 'DOWNLOAD',
  snapshotFinishedAt: null,
  snapshotUrl: null,
  ...over,
});

describe('change detection: the subscriber\'s own selection executed over each job', () => {
  const schema = buildSchema();
  const projector = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    const operation = document.definitions[0] as Parameters<typeof selectionProjector>[0]['operation'];
    const fragments = Object.fromEntries(document.definitions.slice(1).map((d) => [(d as { name: { value: string } }).name.value, d])) as Parameters<typeof selectionProjector>[0]['fragments'];
    return selectionProjector({ schema, operation, fragments, variableValues: variables }, {});
  };

  it('renders exactly the selected fields (aliases, fragments), with the event\'s own fields held fixed', async () => {
    const project = projector(`subscription { restoreJobUpdates(id: "x") { change observedAt when: nextCheckAt job { s: status ...F } } } fragment F on FlexRestoreJob { atlasStatus }`);
    expect(JSON.parse(await project(flexJob()))).toEqual({
      data: { restoreJobUpdates: { change: 'CHANGED', observedAt: '1970-01-01T00:00:00.000Z', when: null, job: { s: 'PENDING', atlasStatus: 'PENDING' } } },
    });
  });

  it('a change to a selected field is a change; one to a field not selected is none', async () => {
    const project = projector(`subscription { restoreJobUpdates(id: "x") { job { status } } }`);
    const [pending, pendingNewUrl, queued] = await Promise.all([project(flexJob()), project(flexJob({ downloadUrls: ['https://example.com/a'] })), project(flexJob({ status: 'QUEUED' }))]);
    expect({ unselectedChange: pending === pendingNewUrl, selectedChange: pending === queued }).toEqual({ unselectedChange: true, selectedChange: false });
  });

  it('@include with a variable decides what counts', async () => {
    const query = `subscription ($urls: Boolean!) { restoreJobUpdates(id: "x") { job { status downloadUrls @include(if: $urls) } } }`;
    const a = flexJob();
    const b = flexJob({ downloadUrls: ['https://example.com/a'] });
    const [withOff, withOn] = [projector(query, { urls: false }), projector(query, { urls: true })];
    expect({ off: (await withOff(a)) === (await withOff(b)), on: (await withOn(a)) === (await withOn(b)) }).toEqual({ off: true, on: false });
  });
});

describe('when a watch ends', () => {
  it('TERMINAL at any terminal status; DOWNLOAD_READY waits for a completed download\'s links', () => {
    const running = flexJob();
    const doneNoUrl = flexJob({ status: 'COMPLETED', isTerminal: true });
    const doneWithUrl = flexJob({ status: 'COMPLETED', isTerminal: true, downloadUrls: ['https://example.com/a'] });
    const failed = flexJob({ status: 'FAILED', isTerminal: true });
    const automated = flexJob({ status: 'COMPLETED', isTerminal: true, deliveryType: 'AUTOMATED' });
    const jobs: RestoreJobModel[] = [running, doneNoUrl, doneWithUrl, failed, automated];
    expect({
      terminal: jobs.map((j) => endReached(j, 'TERMINAL')),
      downloadReady: jobs.map((j) => endReached(j, 'DOWNLOAD_READY')),
      ready: jobs.map(downloadReady),
    }).toEqual({
      terminal: [false, true, true, true, true],
      downloadReady: [false, false, true, true, true],
      ready: [true, false, true, true, true],
    });
  });
});

describe('poll outcomes from failures', () => {
  it('rate limits, 5xx, timeouts retry (keeping Atlas\'s wait); 404 of the cluster is GONE; 401 ends the watch with its code', () => {
    const upstream = (error: unknown) => failedPoll({ reason: 'upstream', error, routing: null });
    expect([
      upstream(new AtlasApiError(429, 'RATE_LIMITED', null, 20)),
      upstream(new AtlasApiError(503, null, null)),
      upstream(new AtlasTransportError('timeout', 'slow')),
      failedPoll({ reason: 'notFound', what: 'cluster', clusterName: 'c', routing: null }),
      upstream(new AtlasApiError(401, null, null)),
    ]).toEqual([
      { type: 'retry', retryAfterMs: 20_000, reason: 'rate_limited' },
      { type: 'retry', retryAfterMs: null, reason: '503' },
      { type: 'retry', retryAfterMs: null, reason: 'timeout' },
      { type: 'gone' },
      { type: 'fatal', failure: { message: 'Atlas did not accept the credentials.', extensions: { code: 'UNAUTHENTICATED', atlas: { status: 401, errorCode: null, detail: null } } } },
    ]);
  });
});

/** A clock whose timers fire only when the test moves time. */
class ManualClock implements WatchClock {
  time = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private next = 0;
  now = () => this.time;
  random = () => 0.5;
  setTimer = (fn: () => void, ms: number) => {
    const id = ++this.next;
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  };
  clearTimer = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  /** Moves time on, firing each due timer in order (and letting the promises it starts settle). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers[0];
      if (!due || due.at > end) break;
      this.timers.shift();
      this.time = due.at;
      due.fn();
      for (let i = 0; i < 5; i += 1) await Promise.resolve();
    }
    this.time = end;
  }
}

describe('WatchHub on a manual clock', () => {
  const schedule = { minMs: 1_000, maxMs: 1_000, fastForMs: 0, rampMs: 0, jitter: 0 };
  const drain = async (stream: AsyncIterableIterator<WatchMessage>) => {
    const out: WatchMessage[] = [];
    for (;;) {
      const item = await Promise.race([stream.next(), Promise.resolve(null).then(() => null)]);
      if (!item || item.done) return out;
      out.push(item.value);
    }
  };

  it('one poll per tick for three subscribers; a Retry-After of 5 s moves the next poll 5 s on; the stream goes on', async () => {
    const clock = new ManualClock();
    const hub = new WatchHub({ schedule, maxLifetimeMs: 3_600_000, maxPerProcess: 10, clock });
    const outcomes: PollOutcome[] = [{ type: 'job', job: flexJob() }, { type: 'retry', retryAfterMs: 5_000, reason: 'rate_limited' }, { type: 'job', job: flexJob({ status: 'QUEUED' }) }];
    const pollTimes: number[] = [];
    const target = { identity: 'id', jobId: 'job', poll: async () => { pollTimes.push(clock.now()); return outcomes.shift() ?? { type: 'job' as const, job: flexJob({ status: 'QUEUED' }) }; } };
    const streams = [hub.follow(target, 'TERMINAL'), hub.follow(target, 'TERMINAL'), hub.follow(target, 'TERMINAL')];
    await clock.advance(0);
    await clock.advance(1_000);
    await clock.advance(4_999);
    const before = pollTimes.length;
    await clock.advance(1);
    const firsts = await Promise.all(streams.map(drain));
    expect({ before, pollTimes, changes: firsts.map((s) => s.map((m) => (m.type === 'event' ? m.change : m.stop.reason))) }).toEqual({
      before: 2,
      pollTimes: [0, 1_000, 6_000],
      changes: [0, 1, 2].map(() => ['INITIAL', 'CHANGED']),
    });
    await hub.shutdown(10);
  });

  it('a subscription ends with SUBSCRIPTION_EXPIRED\'s stop at its lifetime; the poll stops when its last subscriber goes', async () => {
    const clock = new ManualClock();
    const hub = new WatchHub({ schedule, maxLifetimeMs: 2_500, maxPerProcess: 10, clock });
    const target = { identity: 'id', jobId: 'job', poll: async () => ({ type: 'job' as const, job: flexJob() }) };
    const stream = hub.follow(target, 'TERMINAL');
    await clock.advance(3_000);
    expect({ messages: await drain(stream), active: hub.activeSubscriptions, pollers: hub.pollerCount }).toEqual({
      messages: [
        { type: 'event', change: 'INITIAL', job: flexJob(), observedAt: 0, nextCheckAt: 1_000 },
        { type: 'stop', stop: { reason: 'lifetime', lifetimeMs: 2_500 } },
      ],
      active: 0,
      pollers: 0,
    });
  });
});

describe('the Redis messages', () => {
  it('round-trip a job with its Dates', () => {
    const job = flexJob({ createdAt: new Date('2026-01-02T03:04:05.000Z') });
    const message = { type: 'observation' as const, observation: { type: 'job' as const, job, observedAt: 5, nextCheckAt: 6 } };
    expect([decode(encode({ from: 'r1', message })), decode('not json'), decode('{"x":1}')]).toEqual([{ from: 'r1', message }, null, null]);
  });
});
