import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { readCapped } from '../../src/atlas/readCapped';

/** readCapped over real undici bodies from a loopback server that writes its body in the chunks given. */
describe('readCapped', () => {
  let server: Server;
  let chunks: Buffer[] = [];
  let url = '';
  beforeAll(async () => {
    server = createServer((_req, res) => {
      void (async () => {
        for (const chunk of chunks) {
          res.write(chunk);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        res.end();
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('decodes characters split across chunks', async () => {
    const body = Buffer.from('{"name":"café ☕ 𝄞","n":1}', 'utf8');
    const cut1 = body.indexOf(Buffer.from('é')) + 1;
    const cut2 = body.indexOf(Buffer.from('𝄞')) + 2;
    chunks = [body.subarray(0, cut1), body.subarray(cut1, cut2), body.subarray(cut2)];
    const res = await request(url);
    expect(await readCapped(res.body, 1_000)).toBe('{"name":"café ☕ 𝄞","n":1}');
  });

  it('fails with too_large past the cap and stops reading', async () => {
    chunks = [Buffer.alloc(600, 'a'), Buffer.alloc(600, 'b')];
    const res = await request(url);
    await expect(readCapped(res.body, 1_000, 'The test server')).rejects.toMatchObject({ failure: 'too_large', message: 'The test server sent a body larger than 1000 bytes.' });
    expect(res.body.destroyed).toBe(true);
  });

  it('reads an empty body as the empty string', async () => {
    chunks = [];
    const res = await request(url);
    expect(await readCapped(res.body, 10)).toBe('');
  });
});
