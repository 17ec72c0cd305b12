import { classifyClusterDescription, classifyFlexCluster, learnedFromRestoreApi } from '../../src/clusters/clusterClass';
import dedicated from '../fixtures/clusters/dedicated-replica-set.json';
import sharded from '../fixtures/clusters/sharded-asymmetric-backup-off.json';
import free from '../fixtures/clusters/tenant-m0.json';
import m5 from '../fixtures/clusters/tenant-m5.json';
import formerM2 from '../fixtures/clusters/tenant-migrated-to-flex.json';
import flex from '../fixtures/clusters/flex.json';

describe('cluster classification', () => {
  it('a dedicated replica set is Cloud Backup, tier from the first electable instanceSize', () => {
    expect(classifyClusterDescription(dedicated)).toEqual({ kind: 'CLOUD_BACKUP', tier: 'M30', clusterType: 'REPLICASET', backupEnabled: true, source: 'clusters-api' });
  });

  it('a sharded cluster with backups off is still Cloud Backup; the tier is the first electable one', () => {
    expect(classifyClusterDescription(sharded)).toEqual({ kind: 'CLOUD_BACKUP', tier: 'R40', clusterType: 'SHARDED', backupEnabled: false, source: 'clusters-api' });
  });

  it('an M0 tenant is free: no restore-job kind', () => {
    expect(classifyClusterDescription(free)).toEqual({ kind: null, tier: 'M0', clusterType: 'REPLICASET', backupEnabled: false, source: 'clusters-api' });
  });

  it('an M5 tenant is shared tier', () => {
    expect(classifyClusterDescription(m5)).toEqual({ kind: 'SHARED_TIER', tier: 'M5', clusterType: 'REPLICASET', backupEnabled: true, source: 'clusters-api' });
  });

  it('a tenant whose effectiveInstanceSize is FLEX is flex (a former M2 seen through the clusters API)', () => {
    expect(classifyClusterDescription(formerM2)).toEqual({ kind: 'FLEX', tier: 'FLEX', clusterType: 'REPLICASET', backupEnabled: true, source: 'clusters-api' });
  });

  it('an unknown tenant size is taken for a flex-era size; an empty description for a dedicated cluster', () => {
    const odd = { replicationSpecs: [{ regionConfigs: [{ electableSpecs: { instanceSize: 'M7' }, providerName: 'TENANT' }] }] };
    expect(classifyClusterDescription(odd)).toEqual({ kind: 'FLEX', tier: 'M7', clusterType: null, backupEnabled: null, source: 'clusters-api' });
    expect(classifyClusterDescription({})).toEqual({ kind: 'CLOUD_BACKUP', tier: null, clusterType: null, backupEnabled: null, source: 'clusters-api' });
  });

  it('a flex description is flex, tier FLEX', () => {
    expect(classifyFlexCluster(flex)).toEqual({ kind: 'FLEX', tier: 'FLEX', clusterType: 'REPLICASET', backupEnabled: true, source: 'flex-api' });
    expect(classifyFlexCluster({})).toEqual({ kind: 'FLEX', tier: 'FLEX', clusterType: 'REPLICASET', backupEnabled: null, source: 'flex-api' });
  });

  it('a successor restore API answering tells the kind; only flex tells the tier', () => {
    expect([learnedFromRestoreApi('FLEX'), learnedFromRestoreApi('CLOUD_BACKUP')]).toEqual([
      { kind: 'FLEX', tier: 'FLEX', clusterType: 'REPLICASET', backupEnabled: null, source: 'restore-api' },
      { kind: 'CLOUD_BACKUP', tier: null, clusterType: null, backupEnabled: null, source: 'restore-api' },
    ]);
  });
});
