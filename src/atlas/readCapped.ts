import type { Dispatcher } from 'undici';
import { AtlasTransportError } from './errors';

/**
 * Reads a response body as UTF-8, at most `maxBytes` of it: past that the body is destroyed (nothing more is read)
 * and the read fails with `too_large`. Every body from upstream is read through this.
 */
export async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number, what = 'Atlas'): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw new AtlasTransportError('too_large', `${what} sent a body larger than ${maxBytes} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
