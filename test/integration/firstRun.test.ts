import { DEMO } from '../../src/simulator';
import { startHarness, type Harness } from '../support/harness';
import { scrape } from '../support/metrics';

/** What a new user meets in the first ten minutes (issue 18), against the real server and simulator. */
const P = DEMO.projectId;
const JOB = '65f1c0de2a4b6c8d0e1f2a3b';

describe('metrics name every upstream operation', () => {
  it('cluster and flex cluster lookups are labelled as such, never "other"', async () => {
    const h = await startHarness();
    try {
      // Without a kind, a flex cluster costs a clusters-API refusal, a flex lookup, then the flex list.
      expect(await h.query(`{ restoreJobs(projectId: "${P}", clusterName: "flex-cluster-0", first: 1) { nodes { kind } } }`)).toEqual({
        data: { restoreJobs: { nodes: [{ kind: 'FLEX' }] } },
      });
      const samples = (await scrape(h.gateway)).split('\n').filter((line) => line.startsWith('atlas_upstream_requests_total{'));
      expect(samples.sort()).toEqual([
        'atlas_upstream_requests_total{kind="CLUSTERS",operation="lookup",status="400"} 1',
        'atlas_upstream_requests_total{kind="FLEX",operation="list",status="200"} 1',
        'atlas_upstream_requests_total{kind="FLEX_CLUSTERS",operation="lookup",status="200"} 1',
      ]);
    } finally {
      await h.stop();
    }
  });
});

