import { startHarness, type Harness } from '../support/harness';
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
});
