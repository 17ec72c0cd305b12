import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { AtlasClient, type CachePolicy } from '../../src/atlas/AtlasClient';
import { NoAuth } from '../../src/atlas/auth/NoAuth';
import { AtlasApiError, AtlasTransportError } from '../../src/atlas/errors';
import { Resilience } from '../../src/atlas/resilience';
import { MemoryCache } from '../../src/atlas/upstreamCache';
import { loadConfig } from '../../src/config';
import { FakeClock } from '../support/clock';

/** What the test upstream received. */
interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  accept: string | undefined;
  body: string;
}

type Reply = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A loopback HTTP server that records every request and answers with the next queued reply (else 200 `{}`). */
class Upstream {
  readonly received: Received[] = [];
  readonly replies: Reply[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        this.received.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], accept: req.headers.accept, body });
        const reply = this.replies.shift() ?? ((_q, r) => json(r, 200, {}));
        reply(req, res, body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const MEDIA = 'application/vnd.atlas.2023-01-01+json';
const LIST = '/groups/65f1c0de2a4b6c8d0e1f2a3b/clusters/c0/backup/restoreJobs';
/** The whole body is the value; kept 60 s. */
const KEEP: CachePolicy<unknown> = { read: (b) => b, ttlMs: () => 60_000 };

describe('AtlasClient writes', () => {
  const upstream = new Upstream();
  const dispatcher = new Agent({ connect: { timeout: 1_000 } });
  let clock: FakeClock;
  let cache: MemoryCache;

  const client = (options: { resilience?: boolean; baseUrl?: string } = {}) =>
    new AtlasClient({
      baseUrl: options.baseUrl ?? upstream.url,
      dispatcher,
      auth: new NoAuth(),
      timeouts: { connectMs: 1_000, attemptMs: 2_000 },
      cache,
      ...(options.resilience === false ? {} : { resilience: new Resilience(loadConfig({}).resilience, clock), deadlineAt: clock.now() + 30_000 }),
    });

  beforeAll(() => upstream.start());
  afterAll(async () => {
    await upstream.stop();
    await dispatcher.close();
  });
  beforeEach(() => {
    upstream.received.length = 0;
    upstream.replies.length = 0;
    clock = new FakeClock();
    cache = new MemoryCache({ maxEntries: 100, maxBytes: 1_000_000 });
  });

  it('POSTs a JSON body with the versioned media type as Content-Type and Accept, and returns the parsed answer', async () => {
    upstream.replies.push((_q, r) => json(r, 200, { id: '6600000000000000000000aa', deliveryType: 'download' }));
    const result = await client().write({ method: 'POST', version: 'v2', path: LIST, mediaType: MEDIA, body: { deliveryType: 'download', snapshotId: 'abc' } });
    expect(result).toEqual({ status: 200, body: { id: '6600000000000000000000aa', deliveryType: 'download' } });
    expect(upstream.received).toEqual([
      { method: 'POST', url: `/api/atlas/v2${LIST}`, contentType: MEDIA, accept: MEDIA, body: '{"deliveryType":"download","snapshotId":"abc"}' },
    ]);
  });

  it('a DELETE answered 204 has no body', async () => {
    upstream.replies.push((_q, r) => {
      r.writeHead(204);
      r.end();
    });
    const result = await client().write({ method: 'DELETE', version: 'v2', path: `${LIST}/6600000000000000000000aa`, mediaType: MEDIA });
    expect(result).toEqual({ status: 204, body: null });
    expect(upstream.received.map((r) => [r.method, r.contentType, r.body])).toEqual([['DELETE', undefined, '']]);
  });

  it('a write is never retried once it may have reached Atlas: a 503 is sent once and fails', async () => {
    upstream.replies.push((_q, r) => json(r, 503, { errorCode: 'SERVICE_UNAVAILABLE', error: 503 }));
    upstream.replies.push((_q, r) => json(r, 200, {}));
    await expect(client().write({ method: 'POST', version: 'v2', path: LIST, mediaType: MEDIA, body: {} })).rejects.toEqual(
      new AtlasApiError(503, 'SERVICE_UNAVAILABLE', null),
    );
    expect(upstream.received).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('a write whose connection was reset after sending is not retried', async () => {
    upstream.replies.push((req) => req.socket.destroy());
    await expect(client().write({ method: 'POST', version: 'v2', path: LIST, mediaType: MEDIA, body: {} })).rejects.toBeInstanceOf(AtlasTransportError);
    expect(upstream.received).toHaveLength(1);
  });

  it('a GET is retried on a 503 (safe to repeat)', async () => {
    upstream.replies.push((_q, r) => json(r, 503, { errorCode: 'SERVICE_UNAVAILABLE', error: 503 }));
    upstream.replies.push((_q, r) => json(r, 200, { results: [] }));
    await expect(client().get({ version: 'v2', path: LIST, mediaType: MEDIA })).resolves.toEqual({ results: [] });
    expect(upstream.received.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('a write to a server that refuses the connection is retried (it certainly did not arrive), then fails', async () => {
    const closed = new Upstream();
    await closed.start();
    const baseUrl = closed.url;
    await closed.stop();
    await expect(client({ baseUrl }).write({ method: 'POST', version: 'v2', path: LIST, mediaType: MEDIA, body: {} })).rejects.toEqual(
      new AtlasTransportError('connect', 'Atlas could not be reached.'),
    );
    // Three retries of the default policy, each after a full-jitter wait on the fake clock.
    expect(clock.sleeps).toHaveLength(3);
  });

  it('a write drops the cached pages and jobs of the list it names; other lists stay cached', async () => {
    const c = client({ resilience: false });
    const other = '/groups/65f1c0de2a4b6c8d0e1f2a3b/clusters/c1/backup/restoreJobs';
    const reads = [
      { version: 'v2' as const, path: LIST, query: { pageNum: 1, itemsPerPage: 10 }, mediaType: MEDIA },
      { version: 'v2' as const, path: `${LIST}/6600000000000000000000aa`, mediaType: MEDIA },
      { version: 'v2' as const, path: other, mediaType: MEDIA },
    ];
    for (const read of reads) await c.get(read, KEEP);
    for (const read of reads) await c.get(read, KEEP);
    expect(upstream.received).toHaveLength(3); // the second round came from the cache
    await c.write({ method: 'POST', version: 'v2', path: LIST, mediaType: MEDIA, body: {}, invalidates: [{ version: 'v2', path: LIST, mediaType: MEDIA, scope: 'tree' }] });
    upstream.received.length = 0;
    for (const read of reads) await c.get(read, KEEP);
    expect(upstream.received.map((r) => r.url)).toEqual([`/api/atlas/v2${LIST}?pageNum=1&itemsPerPage=10`, `/api/atlas/v2${LIST}/6600000000000000000000aa`]);
  });

  it('a write that failed after sending still drops the reads it names (Atlas may have acted on it)', async () => {
    const c = client({ resilience: false });
    await c.get({ version: 'v2', path: LIST, mediaType: MEDIA }, KEEP);
    upstream.replies.push((req) => req.socket.destroy());
    await expect(
      c.write({ method: 'POST', version: 'v2', path: LIST, mediaType: MEDIA, body: {}, invalidates: [{ version: 'v2', path: LIST, mediaType: MEDIA, scope: 'exact' }] }),
    ).rejects.toBeInstanceOf(AtlasTransportError);
    upstream.received.length = 0;
    await c.get({ version: 'v2', path: LIST, mediaType: MEDIA }, KEEP);
    expect(upstream.received.map((r) => r.method)).toEqual(['GET']);
  });
});
