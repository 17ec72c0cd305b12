import { measureCallCounts } from '../../bench/callCounts';

/** The bench's call-count scenarios as a smoke test: counts of upstream calls, nothing about time. */
describe('bench call counts (smoke)', () => {
  it('costs Atlas the calls the design promises', async () => {
    const rows = await measureCallCounts();
    const byScenario = Object.fromEntries(rows.map((r) => [r.scenario, [r.graphqlRequests, r.upstreamCalls]]));
    expect(byScenario).toEqual({
      'flat page of 500': [1, 1],
      'list of 10 + 15 aliased lookups of 5 distinct jobs': [1, 6],
      'walk of 10000 jobs, first: 500': [20, 20],
      // NOTE: no coalescing across requests yet (the performance issue): each of the 50 queries makes its own call.
      '50 concurrent identical queries, one credential': [50, 50],
      '50 concurrent identical queries, 50 credentials': [50, 50],
    });
  }, 60_000);
});
