import { buildSchema } from '../../src/schema';
import { checkTypes, fullSelection } from './graphqlTypes';

/** The checker the Prism run relies on finds what it must (so a run with zero problems means something). */

const schema = buildSchema();
const query = `query { restoreJobs(kind: FLEX, projectId: "0123456789abcdef01234567", clusterName: "c") {
  totalCount pageInfo { hasNextPage }
  nodes { __typename jobId status createdAt downloadUrls ... on FlexRestoreJob { snapshotUrl } ... on LegacyBackupRestoreJob { masterKeyUuid } }
} }`;
const node = {
  __typename: 'FlexRestoreJob',
  jobId: '0123456789abcdef01234567',
  status: 'COMPLETED',
  createdAt: '2025-05-04T09:42:00.000Z',
  downloadUrls: ['https://example.invalid/a.tar.gz'],
  snapshotUrl: null,
};
const ok = { restoreJobs: { totalCount: 3, pageInfo: { hasNextPage: false }, nodes: [node] } };

describe('checkTypes', () => {
  it('accepts a well-typed result', () => {
    expect(checkTypes(schema, query, ok)).toEqual([]);
  });

  it('reports every kind of wrong value, missing and unselected field, with its path', () => {
    const bad = {
      restoreJobs: {
        totalCount: -1,
        pageInfo: { hasNextPage: null },
        nodes: [
          { ...node, jobId: 'ABC', status: 'DONE', createdAt: 'yesterday', downloadUrls: ['not a url', null], snapshotUrl: 7, extra: 1 },
          { __typename: 'LegacyBackupRestoreJob', jobId: '0123456789abcdef01234567', status: 'FAILED', createdAt: null, downloadUrls: 'x', masterKeyUuid: 'u' },
          { __typename: 'Link' },
          null,
        ],
      },
    };
    expect(checkTypes(schema, query, bad)).toEqual([
      'restoreJobs.totalCount: -1 is not a NonNegativeInt',
      'restoreJobs.pageInfo.hasNextPage: null for Boolean!',
      'restoreJobs.nodes.0.jobId: "ABC" is not a ObjectID',
      'restoreJobs.nodes.0.status: "DONE" is not a RestoreJobStatus',
      'restoreJobs.nodes.0.createdAt: "yesterday" is not a DateTime',
      'restoreJobs.nodes.0.downloadUrls.0: "not a url" is not a URL',
      'restoreJobs.nodes.0.downloadUrls.1: null for URL!',
      'restoreJobs.nodes.0.snapshotUrl: 7 is not a String',
      'restoreJobs.nodes.0.extra: not selected',
      'restoreJobs.nodes.1.downloadUrls: "x" is not a list',
      'restoreJobs.nodes.1.masterKeyUuid: "u" is not a UUID',
      'restoreJobs.nodes.2: __typename "Link" is not a RestoreJob',
      'restoreJobs.nodes.3: null for RestoreJob!',
    ]);
  });

  it('selects every field of every implementation', () => {
    const selection = fullSelection(schema, 'RestoreJob');
    expect(['delivery { __typename method', 'hashes { __typename fileName hash algorithm links { __typename href rel } }', 'oplogTimestamp { __typename date increment }', 'snapshotFinishedAt']
      .map((part) => selection.includes(part))).toEqual([true, true, true, true]);
  });
});
