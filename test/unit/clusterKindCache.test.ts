import { ClusterKindCache } from '../../src/clusters/ClusterKindCache';
import { learnedFromRestoreApi, NO_FACTS } from '../../src/clusters/clusterClass';
import { projectCluster } from '../../src/clusters/projectClusters';

const P = '5e2211c17a3e5a48f5497de1';
const FLEX = learnedFromRestoreApi('FLEX');
const CB = learnedFromRestoreApi('CLOUD_BACKUP');

describe('ClusterKindCache', () => {
  it('keeps answers apart per credential identity, project and cluster', () => {
    const cache = new ClusterKindCache();
    cache.set('sa:one', P, 'c0', FLEX);
    expect([cache.get('sa:one', P, 'c0'), cache.get('sa:two', P, 'c0'), cache.get('sa:one', '5e2211c17a3e5a48f5497de2', 'c0'), cache.get('sa:one', P, 'c1')]).toEqual([
      FLEX,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('forgets an answer after its TTL, by the injected clock', () => {
    let now = 1_000;
    const cache = new ClusterKindCache({ ttlMs: 500, now: () => now });
    cache.set('id', P, 'c0', FLEX);
    now += 499;
    expect(cache.get('id', P, 'c0')).toEqual(FLEX);
    now += 2;
    expect(cache.get('id', P, 'c0')).toBeUndefined();
  });

  it("remembers a project's cluster list per credential identity for projectTtlMs (default 60 s), apart from the kinds", () => {
    let now = 1_000;
    const cache = new ClusterKindCache({ now: () => now });
    const list = [projectCluster(P, 'c0', FLEX, NO_FACTS)];
    cache.setProject('id', P, list);
    now += 59_999;
    expect([cache.getProject('id', P), cache.getProject('other', P), cache.size]).toEqual([list, undefined, 0]);
    now += 2;
    expect(cache.getProject('id', P)).toBeUndefined();
    cache.setProject('id', P, list);
    cache.clear();
    expect(cache.getProject('id', P)).toBeUndefined();
  });

  it('holds at most maxProjects cluster lists', () => {
    const cache = new ClusterKindCache({ maxProjects: 1 });
    cache.setProject('id', 'p0', []);
    cache.setProject('id', 'p1', []);
    expect([cache.getProject('id', 'p0'), cache.getProject('id', 'p1')]).toEqual([undefined, []]);
  });

  it('holds at most maxEntries, dropping the least recently used', () => {
    const cache = new ClusterKindCache({ maxEntries: 2 });
    cache.set('id', P, 'a', FLEX);
    cache.set('id', P, 'b', CB);
    expect(cache.get('id', P, 'a')).toEqual(FLEX); // a is now the most recently used
    cache.set('id', P, 'c', CB);
    expect([cache.size, cache.get('id', P, 'a'), cache.get('id', P, 'b'), cache.get('id', P, 'c')]).toEqual([2, FLEX, undefined, CB]);
  });

  it('deletes one answer, or all', () => {
    const cache = new ClusterKindCache();
    cache.set('id', P, 'a', FLEX);
    cache.set('id', P, 'b', CB);
    cache.delete('id', P, 'a');
    expect([cache.get('id', P, 'a'), cache.get('id', P, 'b')]).toEqual([undefined, CB]);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
