import { StringDecoder } from 'node:string_decoder';
import type { Dispatcher } from 'undici';
import { AtlasTransportError } from './errors';

/**
 * Reads a response body as UTF-8, at most `maxBytes` of it: past that the body is destroyed (nothing more is read)
 * and the read fails with `too_large`. Every body from upstream is read through this.
 * Each chunk is decoded as it arrives and then dropped (a character split across chunks is kept for the next one), so
 * a body is held once, as text, rather than as its chunks, their concatenation and the text at the same time (a
 * 500-job page is ~1 MB; issue 17, memory).
 */
export async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number, what = 'Atlas'): Promise<string> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw new AtlasTransportError('too_large', `${what} sent a body larger than ${maxBytes} bytes.`);
    }
    text += decoder.write(chunk as Buffer);
  }
  return text + decoder.end();
}
