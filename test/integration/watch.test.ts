import { REAL_CLOCK } from '../../src/atlas/resilience';
import { startHarness, type Harness } from '../support/harness';
import { metricValue, scrape } from '../support/metrics';
import { ISO, startDownload, WATCH } from '../support/watch';
import { follow, until, wsClient } from '../support/ws';

const STEP_MS = 1_000;
/** Polls every 100 ms, no jitter: the simulator's job moves every second. */
const FAST = { schedule: { minMs: 100, maxMs: 100, fastForMs: 0, rampMs: 0, jitter: 0 } };

const getsOf = (h: Harness, path: string) => h.sim.calls.filter((c) => c.method === 'GET' && c.path === path).length;

describe('restoreJobUpdates over graphql-ws, against the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ simulator: { jobStepMs: STEP_MS }, watch: FAST });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('follows a flex download from INITIAL through each status to TERMINAL, then completes', async () => {
    const job = await startDownload(h, 'FLEX');
    const client = wsClient(h.gateway.url);
    try {
      const followed = await follow(client, WATCH, { id: job.id });
      const event = (change: string, status: string, last = false) => ({
        data: { restoreJobUpdates: { change, observedAt: ISO, nextCheckAt: last ? null : ISO, job: { id: job.id, jobId: job.jobId, status, isTerminal: last } } },
      });
      expect(followed).toEqual({
        results: [event('INITIAL', 'PENDING'), event('CHANGED', 'QUEUED'), event('CHANGED', 'IN_PROGRESS'), event('TERMINAL', 'COMPLETED', true)],
        end: { type: 'complete' },
      });
    } finally {
      await client.dispose();
    }
  }, 20_000);

  it('sends CHANGED only for fields the caller selected: `job { id }` gets INITIAL and TERMINAL alone', async () => {
    const job = await startDownload(h, 'FLEX');
    const client = wsClient(h.gateway.url);
    try {
      const followed = await follow(client, `subscription ($id: ID!) { restoreJobUpdates(id: $id) { change job { id } } }`, { id: job.id });
      expect(followed).toEqual({
        results: [{ data: { restoreJobUpdates: { change: 'INITIAL', job: { id: job.id } } } }, { data: { restoreJobUpdates: { change: 'TERMINAL', job: { id: job.id } } } }],
        end: { type: 'complete' },
      });
    } finally {
      await client.dispose();
    }
  }, 20_000);

  it('ends with GONE (job null) when Atlas answers 404 RESTORE_JOB_NOT_FOUND', async () => {
    const job = await startDownload(h, 'FLEX');
    const client = wsClient(h.gateway.url);
    try {
      const followed = await follow(client, WATCH, { id: job.id }, (_result, index) => {
        if (index === 0) {
          const body = JSON.stringify({ error: 404, errorCode: 'RESTORE_JOB_NOT_FOUND', detail: 'No restore job with that id.', reason: 'Not Found' });
          h.sim.inject({ match: (c) => c.method === 'GET' && c.path === job.path, status: 404, body, times: Infinity });
        }
      });
      h.sim.clearFaults();
      expect(followed).toEqual({
        results: [
          { data: { restoreJobUpdates: { change: 'INITIAL', observedAt: ISO, nextCheckAt: ISO, job: { id: job.id, jobId: job.jobId, status: 'PENDING', isTerminal: false } } } },
          { data: { restoreJobUpdates: { change: 'GONE', observedAt: ISO, nextCheckAt: null, job: null } } },
        ],
        end: { type: 'complete' },
      });
    } finally {
      h.sim.clearFaults();
      await client.dispose();
    }
  }, 20_000);

  describe('until: a Cloud Backup download that Atlas reports finished before its URLs are there', () => {
    const READY = `subscription ($id: ID!, $until: RestoreJobWatchEnd) {
      restoreJobUpdates(id: $id, until: $until) { change job { status isTerminal ... on CloudBackupRestoreJob { isReadyForDownload } } }
    }`;
    /** Follows the job; after INITIAL, Atlas answers "finished, no URLs" until the real job has finished (with its URLs). */
    async function followWithLateUrls(until: 'TERMINAL' | 'DOWNLOAD_READY') {
      const job = await startDownload(h, 'CLOUD_BACKUP');
      const created = h.sim.jobs.all().find((j) => j.id === job.jobId)!;
      const finished = h.sim.jobs.render(created, created.createdAtMs + STEP_MS) as Record<string, unknown>;
      const { deliveryUrl: _urls, expiresAt: _expires, ...withoutUrls } = finished;
      const client = wsClient(h.gateway.url);
      let urlsArrive: NodeJS.Timeout | undefined;
      try {
        return await follow(client, READY, { id: job.id, until }, (_result, index) => {
          if (index === 0) h.sim.inject({ match: (c) => c.method === 'GET' && c.path === job.path, status: 200, body: JSON.stringify(withoutUrls), times: Infinity });
          // Atlas's URLs arrive once the real job has finished.
          if (index === 1) urlsArrive = setTimeout(() => h.sim.clearFaults(), Math.max(0, created.createdAtMs + STEP_MS + 50 - Date.now()));
        });
      } finally {
        clearTimeout(urlsArrive);
        h.sim.clearFaults();
        await client.dispose();
      }
    }
    const update = (change: string, status: string, isTerminal: boolean, isReadyForDownload: boolean) => ({ data: { restoreJobUpdates: { change, job: { status, isTerminal, isReadyForDownload } } } });

    it('TERMINAL (the default) completes when the job is terminal, links or not', async () => {
      expect(await followWithLateUrls('TERMINAL')).toEqual({
        results: [update('INITIAL', 'IN_PROGRESS', false, false), update('TERMINAL', 'COMPLETED', true, false)],
        end: { type: 'complete' },
      });
    }, 20_000);

    it('DOWNLOAD_READY goes on past the terminal status until the links are ready', async () => {
      expect(await followWithLateUrls('DOWNLOAD_READY')).toEqual({
        results: [update('INITIAL', 'IN_PROGRESS', false, false), update('CHANGED', 'COMPLETED', true, false), update('TERMINAL', 'COMPLETED', true, true)],
        end: { type: 'complete' },
      });
    }, 20_000);
  });

  it('Atlas refusing the credential mid-watch (401) ends the stream with UNAUTHENTICATED: polling again would not mend it', async () => {
    const job = await startDownload(h, 'FLEX');
    const client = wsClient(h.gateway.url);
    try {
      const followed = await follow(client, `subscription ($id: ID!) { restoreJobUpdates(id: $id) { change } }`, { id: job.id }, (_result, index) => {
        if (index === 0) h.sim.inject({ match: (c) => c.method === 'GET' && c.path === job.path, status: 401, times: Infinity });
      });
      expect(followed).toEqual({
        results: [
          { data: { restoreJobUpdates: { change: 'INITIAL' } } },
          {
            data: null,
            errors: [{ message: 'Atlas did not accept the credentials.', locations: [{ line: 1, column: 27 }], path: ['restoreJobUpdates'], extensions: { code: 'UNAUTHENTICATED', atlas: { status: 401, errorCode: expect.any(String), detail: 'Simulated fault.' } } }],
          },
        ],
        end: { type: 'complete' },
      });
    } finally {
      h.sim.clearFaults();
      await client.dispose();
    }
  }, 20_000);

  it('a poll that fails with 503 (every retry too) does not end the stream: the next poll goes on', async () => {
    const job = await startDownload(h, 'FLEX');
    const before = metricValue(await scrape(h.gateway), 'watch_polls_total', 'outcome="503"');
    const client = wsClient(h.gateway.url);
    try {
      const followed = await follow(client, `subscription ($id: ID!) { restoreJobUpdates(id: $id) { change job { status } } }`, { id: job.id }, (_result, index) => {
        // One whole poll fails: the first attempt and its three retries.
        if (index === 0) h.sim.inject({ match: (c) => c.method === 'GET' && c.path === job.path, status: 503, times: 4 });
      });
      const event = (change: string, status: string) => ({ data: { restoreJobUpdates: { change, job: { status } } } });
      expect({
        followed,
        answered503: h.sim.calls.filter((c) => c.path === job.path && c.status === 503).length,
        failedPolls: metricValue(await scrape(h.gateway), 'watch_polls_total', 'outcome="503"') - before,
      }).toEqual({
        followed: { results: [event('INITIAL', 'PENDING'), event('CHANGED', 'QUEUED'), event('CHANGED', 'IN_PROGRESS'), event('TERMINAL', 'COMPLETED')], end: { type: 'complete' } },
        answered503: 4,
        failedPolls: 1,
      });
    } finally {
      await client.dispose();
    }
  }, 20_000);
});

describe('restoreJobUpdates honours Retry-After (real retry clock; a request deadline shorter than the wait, so no poll waits inside)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ simulator: { jobStepMs: STEP_MS }, watch: FAST, clock: REAL_CLOCK, retry: { maxRetries: 0 }, timeouts: { requestMs: 800 } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('after a 429 with Retry-After: 1, no poll is made until the second has passed (each would be one more rate_limited poll)', async () => {
    const job = await startDownload(h, 'FLEX');
    const client = wsClient(h.gateway.url);
    try {
      const followed = await follow(client, `subscription ($id: ID!) { restoreJobUpdates(id: $id) { change job { status } } }`, { id: job.id }, (_result, index) => {
        if (index === 0) {
          const body = JSON.stringify({ error: 429, errorCode: 'RATE_LIMITED', detail: 'Too many requests.', reason: 'Too Many Requests' });
          h.sim.inject({ match: (c) => c.method === 'GET' && c.path === job.path, status: 429, body, headers: { 'Retry-After': '1' }, times: 1 });
        }
      });
      const metrics = await scrape(h.gateway);
      expect({
        end: followed.end,
        last: followed.results.at(-1),
        answered429: h.sim.calls.filter((c) => c.path === job.path && c.status === 429).length,
        rateLimitedPolls: metricValue(metrics, 'watch_polls_total', 'outcome="rate_limited"'),
        // Polls that reached Atlas and those the gateway held back, together: every poll is one of them.
        pollsEqualGets: metricValue(metrics, 'watch_polls_total') === h.sim.calls.filter((c) => c.method === 'GET' && c.path === job.path).length,
      }).toEqual({ end: { type: 'complete' }, last: { data: { restoreJobUpdates: { change: 'TERMINAL', job: { status: 'COMPLETED' } } } }, answered429: 1, rateLimitedPolls: 1, pollsEqualGets: true });
    } finally {
      await client.dispose();
    }
  }, 20_000);
});
