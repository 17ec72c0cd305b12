import type autocannon from 'autocannon';
import { DEMO } from '../src/simulator';

/** The mutation path in `npm run bench` (issue 17, Deliver 4; the project view is bench/projectView.ts); see bench/README.md. */

const MEDIA = 'application/vnd.atlas.2023-01-01+json';

/** An autocannon run as bench/run.ts does it (other load recorded); `ours` are the processes it does not count. */
export type Load = (opts: autocannon.Options) => Promise<autocannon.Result>;

/** The mutation row: a create (startDownloadRestore) against the direct POST it makes, at one connection. */
export interface MutationRow {
  latencyMs: number;
  directP50: number;
  gatewayP50: number;
  deltaP50: number;
  directP99: number;
  gatewayP99: number;
  upstreamCallsPerCreate: number;
  target: string;
}

/**
 * Creates a download restore of a completed snapshot of DEMO's Cloud Backup cluster, each with its own idempotency
 * key: direct (`POST .../backup/restoreJobs`) and through the gateway, one unmeasured second of each first.
 */
export async function measureMutation(
  load: Load,
  simUrl: string,
  gatewayUrl: string,
  token: string,
  latencyMs: number,
  upstreamCalls: () => Promise<number>,
  check: (body: string) => Promise<Record<string, unknown>>,
): Promise<MutationRow> {
  const cluster = DEMO.clusters.CLOUD_BACKUP;
  const base = `${simUrl}/api/atlas/v2/groups/${DEMO.projectId}/clusters/${cluster}`;
  const headers = { accept: MEDIA, 'content-type': MEDIA, authorization: `Bearer ${token}` };
  const snapshots = (await (await fetch(`${base}/backup/snapshots`, { headers })).json()) as { results: { id: string; status: string }[] };
  const snapshotId = snapshots.results.find((s) => s.status === 'completed')?.id;
  if (!snapshotId) throw new Error(`no completed snapshot of ${cluster}`);
  let n = 0;
  const mutation = (): string =>
    JSON.stringify({
      query: 'mutation($input: StartDownloadRestoreInput!) { startDownloadRestore(input: $input) { restoreJob { jobId status deliveryType snapshotId } userErrors { code } } }',
      variables: { input: { idempotencyKey: `bench-${process.pid}-${(n += 1)}`, projectId: DEMO.projectId, clusterName: cluster, kind: 'CLOUD_BACKUP', snapshotId } },
    });
  const first = (await check(mutation())).startDownloadRestore as { restoreJob: unknown; userErrors: unknown[] };
  if (!first.restoreJob || first.userErrors.length) throw new Error(`the create answered ${JSON.stringify(first)}`);
  const before = await upstreamCalls();
  await check(mutation());
  const upstreamCallsPerCreate = (await upstreamCalls()) - before;
  const direct: autocannon.Options = { url: `${base}/backup/restoreJobs`, method: 'POST', headers, body: JSON.stringify({ deliveryType: 'download', snapshotId }), connections: 1 };
  const viaGateway: autocannon.Options = {
    url: gatewayUrl,
    connections: 1,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, setupRequest: (req) => ({ ...req, body: mutation() }) }],
  };
  await load({ ...direct, duration: 1 });
  await load({ ...viaGateway, duration: 1 });
  const d = await load(direct);
  const g = await load(viaGateway);
  return {
    latencyMs,
    directP50: d.latency.p50,
    gatewayP50: g.latency.p50,
    deltaP50: +(g.latency.p50 - d.latency.p50).toFixed(2),
    directP99: d.latency.p99,
    gatewayP99: g.latency.p99,
    upstreamCallsPerCreate,
    target: 'reported (issue 17 names no figure for a create)',
  };
}
