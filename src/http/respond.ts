import type { IncomingMessage, ServerResponse } from 'node:http';

/** Sends a JSON body with its status (and its length: never chunked, so a client that stops reading early still has it whole). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A request header's value (the first, when repeated). */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A request body as read by {@link readBody}. */
export type BodyRead = { type: 'body'; text: string } | { type: 'tooLarge' } | { type: 'aborted' };

/**
 * Reads a request body as UTF-8, at most `maxBytes`. A `Content-Length` over the limit is refused before a byte of the
 * body is read; a body without one (chunked) is read until it passes the limit, and no further. Either way the
 * request stops being read (the caller answers 413 and the connection closes: see {@link refuseBody}). `aborted`: the
 * client went away, or the server's request timeout closed the connection, before the body ended.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ type: 'tooLarge' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: BodyRead): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else {
        req.pause();
        settle({ type: 'tooLarge' });
      }
    };
    const onEnd = (): void => settle({ type: 'body', text: Buffer.concat(chunks).toString('utf8') });
    const onAbort = (): void => settle({ type: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onAbort);
  });
}

/**
 * Answers a body that is too large and closes the connection once the answer is written, so the rest of the body is
 * never read (node:http would otherwise read and discard it to reach the next request on the connection).
 */
export function refuseBody(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  res.shouldKeepAlive = false;
  res.once('finish', () => req.socket.destroy());
  sendJson(res, status, body);
}
