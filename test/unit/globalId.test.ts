import { decodeGlobalId, encodeGlobalId, GlobalIdError } from '../../src/restoreJobs/globalId';

describe('global ids', () => {
  const ref = { kind: 'FLEX' as const, projectId: '5e2211c17a3e5a48f5497de1', clusterName: 'flex-cluster-0', jobId: '6650c1f2c3d4e5f6a7b8c9d0' };

  it('encodes to an opaque base64url string and decodes back', () => {
    const id = encodeGlobalId(ref);
    expect(id).toBe(Buffer.from('RestoreJob:FLEX:5e2211c17a3e5a48f5497de1:flex-cluster-0:6650c1f2c3d4e5f6a7b8c9d0').toString('base64url'));
    expect(decodeGlobalId(id)).toEqual(ref);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['wrong prefix', Buffer.from('Other:FLEX:5e2211c17a3e5a48f5497de1:c:6650c1f2c3d4e5f6a7b8c9d0').toString('base64url')],
    ['unknown kind', Buffer.from('RestoreJob:TAPE:5e2211c17a3e5a48f5497de1:c:6650c1f2c3d4e5f6a7b8c9d0').toString('base64url')],
    ['bad project', Buffer.from('RestoreJob:FLEX:xyz:c:6650c1f2c3d4e5f6a7b8c9d0').toString('base64url')],
    ['bad cluster', Buffer.from('RestoreJob:FLEX:5e2211c17a3e5a48f5497de1:-c:6650c1f2c3d4e5f6a7b8c9d0').toString('base64url')],
    ['path in cluster', Buffer.from('RestoreJob:FLEX:5e2211c17a3e5a48f5497de1:../x:6650c1f2c3d4e5f6a7b8c9d0').toString('base64url')],
    ['extra part', Buffer.from('RestoreJob:FLEX:5e2211c17a3e5a48f5497de1:c:6650c1f2c3d4e5f6a7b8c9d0:x').toString('base64url')],
    ['too long', 'A'.repeat(300)],
  ])('rejects %s', (_name, id) => {
    expect(() => decodeGlobalId(id)).toThrow(GlobalIdError);
  });
});
