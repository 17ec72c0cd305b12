import { connect } from 'node:net';
import { startHarness, type Harness } from '../support/harness';

/**
 * What a client that sends too much, or too slowly, gets (issue #14, item 8): a raw socket, so the test controls every
 * byte and when it stops sending. Each exchange waits at most 5 s for the gateway to answer and close the connection.
 */
interface Raw {
  /** Everything the gateway sent. */
  received: string;
  /** Whether the gateway closed the connection within the wait. */
  closed: boolean;
}

/** `write` sends while the connection is open and says whether it still is. */
async function rawExchange(port: number, send: (write: (data: string) => boolean) => unknown, waitMs = 5_000): Promise<Raw> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let closed = false;
  socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
  socket.on('error', () => undefined);
  const ended = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  await send((data) => {
    if (closed || socket.destroyed) return false;
    socket.write(data);
    return true;
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
  clearTimeout(timer);
  socket.destroy();
  return { received, closed };
}

/** Status line and body of a raw HTTP/1.1 answer (null when none arrived). */
function parse(raw: Raw): { status: number | null; body: unknown; closed: boolean } {
  const status = /^HTTP\/1\.1 (\d{3})/.exec(raw.received)?.[1];
  const body = raw.received.split('\r\n\r\n').slice(1).join('\r\n\r\n');
  return { status: status ? Number(status) : null, body: body.startsWith('{') ? JSON.parse(body) : body, closed: raw.closed };
}

const TOO_LARGE = { errors: [{ message: 'Request body larger than 2048 bytes.', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'bodyBytes', max: 2048 } }] };
const head = (extra: string): string => `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${extra}\r\n`;

describe('#14 item 8: request bodies and slow clients', () => {
  let h: Harness;
  let port: number;
  beforeAll(async () => {
    h = await startHarness({ limits: { maxBodyBytes: 2_048 }, http: { headersTimeoutMs: 300, requestTimeoutMs: 800 } });
    port = Number(new URL(h.gateway.url).port);
  });
  afterAll(() => h.stop());

  it('a Content-Length over the limit is refused at once, before the body arrives, and the connection closed', async () => {
    const raw = await rawExchange(port, (write) => write(head('Content-Length: 10485760\r\n') + '{"query":"'));
    expect(parse(raw)).toEqual({ status: 413, body: TOO_LARGE, closed: true });
  });

  it('with Expect: 100-continue, a Content-Length over the limit gets the 413 instead of 100 Continue', async () => {
    const raw = await rawExchange(port, (write) => write(head('Content-Length: 10485760\r\nExpect: 100-continue\r\n')));
    expect(parse(raw)).toEqual({ status: 413, body: TOO_LARGE, closed: true });
  });

  it('with Expect: 100-continue, a body within the limit is invited and answered', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const raw = await rawExchange(port, async (write) => {
      write(head(`Content-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n`));
      await new Promise((resolve) => setTimeout(resolve, 200));
      write(body);
    });
    expect(raw.received.startsWith('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n')).toBe(true);
    expect(parse({ ...raw, received: raw.received.replace('HTTP/1.1 100 Continue\r\n\r\n', '') })).toEqual({ status: 200, body: { data: { __typename: 'Query' } }, closed: true });
  });

  it('a chunked body is refused once it passes the limit, without waiting for its end', async () => {
    const raw = await rawExchange(port, (write) => {
      write(head('Transfer-Encoding: chunked\r\n'));
      // 3 KiB in three chunks, and no last chunk: the body never ends.
      for (let i = 0; i < 3; i += 1) write(`400\r\n${'x'.repeat(1_024)}\r\n`);
    });
    expect(parse(raw)).toEqual({ status: 413, body: TOO_LARGE, closed: true });
  });

  it('a client that does not finish its headers in HTTP_HEADERS_TIMEOUT_MS gets 408 and its connection closed', async () => {
    const raw = await rawExchange(port, (write) => write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
    expect(parse(raw)).toEqual({ status: 408, body: '', closed: true });
  });

  it('a body that drips slower than HTTP_REQUEST_TIMEOUT_MS allows gets 408 and its connection closed', async () => {
    const raw = await rawExchange(port, async (write) => {
      write(head('Content-Length: 100\r\n'));
      // 30 bytes in 3 s at most: the gateway gives up first and the drip stops with the connection.
      for (let i = 0; i < 30 && write(' '); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    });
    expect(parse(raw)).toEqual({ status: 408, body: '', closed: true });
  });

  it('a body within the limits is answered as usual', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const raw = await rawExchange(port, (write) => write(head(`Content-Length: ${body.length}\r\nConnection: close\r\n`) + body));
    expect(parse(raw)).toEqual({ status: 200, body: { data: { __typename: 'Query' } }, closed: true });
  });
});
