import { ApolloClient, InMemoryCache, gql } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import { lastValueFrom, tap, timeout, toArray } from 'rxjs';
import WebSocket from 'ws';
import { RESTORE_JOB_KINDS } from '../../src/restoreJobs/sources';
import { startHarness, type Harness } from '../support/harness';
import { KIND_FACTS } from '../support/kinds';
import { ISO, startDownload } from '../support/watch';
import { wsUrl } from '../support/ws';

const JOB_TYPES = RESTORE_JOB_KINDS.map((kind) => KIND_FACTS[kind].typeName);

/** @apollo/client 4 as a UI would use it for subscriptions: GraphQLWsLink over graphql-ws, a normalizing cache. */
describe('@apollo/client GraphQLWsLink follows a job to TERMINAL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ simulator: { jobStepMs: 1_000 }, watch: { schedule: { minMs: 100, maxMs: 100, fastForMs: 0, rampMs: 0, jitter: 0 } } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('gets INITIAL, each status change and TERMINAL, then the observable completes; the cache holds the finished job', async () => {
    const job = await startDownload(h, 'FLEX');
    const ws = createClient({ url: wsUrl(h.gateway.url), webSocketImpl: WebSocket, retryAttempts: 0 });
    const client = new ApolloClient({ link: new GraphQLWsLink(ws), cache: new InMemoryCache({ possibleTypes: { Node: JOB_TYPES, RestoreJob: JOB_TYPES } }) });
    const WATCH = gql`
      subscription Watch($id: ID!) {
        restoreJobUpdates(id: $id) { change observedAt nextCheckAt job { id status isTerminal } }
      }
    `;
    try {
      const seen: unknown[] = [];
      const events = await lastValueFrom(
        client.subscribe({ query: WATCH, variables: { id: job.id } }).pipe(
          tap((e) => seen.push(e)),
          timeout(15_000),
          toArray(),
        ),
      );
      const event = (change: string, status: string, last = false) => ({
        data: { restoreJobUpdates: { __typename: 'RestoreJobUpdate', change, observedAt: ISO, nextCheckAt: last ? null : ISO, job: { __typename: 'FlexRestoreJob', id: job.id, status, isTerminal: last } } },
      });
      expect({
        events: events.map((e) => ({ data: (e as { data?: unknown }).data })),
        cached: (client.cache.extract() as Record<string, unknown>)[`FlexRestoreJob:${job.id}`],
      }).toEqual({
        events: [event('INITIAL', 'PENDING'), event('CHANGED', 'QUEUED'), event('CHANGED', 'IN_PROGRESS'), event('TERMINAL', 'COMPLETED', true)],
        cached: { __typename: 'FlexRestoreJob', id: job.id, status: 'COMPLETED', isTerminal: true },
      });
      expect(seen).toHaveLength(4);
    } finally {
      client.stop();
      await ws.dispose();
    }
  }, 20_000);
});
