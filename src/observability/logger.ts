import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config';

/**
 * Paths pino censors wherever they appear in a log object. The gateway never puts these in a log line on purpose
 * (it logs ids, statuses and timings only); the redaction is the second line of defence.
 */
export const REDACT_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.headers.authorization',
  '*.cookie',
  '*.clientSecret',
  '*.privateKey',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.authValue',
  '*.authHeader',
  '*.nonce',
  '*.cnonce',
  'variables',
  '*.variables',
];

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go (default stdout); tests pass a stream that collects them. */
  destination?: DestinationStream;
}

/** The gateway's structured JSON logger: one line per event, credentials redacted, `service` on every line. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'atlas-restore-gateway' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

/** Apollo Server's logger interface on top of the gateway's (its start-up info lines go to debug). */
export function apolloLogger(logger: Logger): { debug(m: unknown): void; info(m: unknown): void; warn(m: unknown): void; error(m: unknown): void } {
  const child = logger.child({ component: 'apollo' });
  return {
    debug: (message) => child.debug(String(message)),
    info: (message) => child.debug(String(message)),
    warn: (message) => child.warn(String(message)),
    error: (message) => child.error(String(message)),
  };
}

/** The fields of the access line of one GraphQL request; nothing else can be put on it. */
export interface RequestLine {
  /** From {@link requestIdFrom}: a UUID or 1-128 of `A-Z a-z 0-9 . _ : -`. */
  reqId: string;
  /** A method Node's HTTP parser accepted. */
  method: string | undefined;
  /** One of the GraphQL paths. */
  path: string;
  /** The response status; absent when the request was cut before its response. */
  status?: number;
  ms: number;
}

/**
 * The access line of every GraphQL request: `request` at info once the response is sent, `request cut before its
 * response was sent` at warn otherwise.
 * NOTE: written through a child logger without redaction. pino 10's redactor parses every path of REDACT_PATHS again
 * on every line (measured: ~10 µs of the line's ~16 µs), and this line is written once per request. Its fields are
 * fixed by {@link RequestLine} and none can hold a secret: the id is validated, the method is one Node's parser knows,
 * the path is one of two constants, the rest are numbers. Every other line of the gateway keeps the redaction.
 */
export function createRequestLog(logger: Logger): (line: RequestLine) => void {
  const plain = logger.child({}, { redact: [] });
  return (line) => {
    if (line.status !== undefined) plain.info(line, 'request');
    else plain.warn(line, 'request cut before its response was sent');
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when well-formed (1-128 of `A-Z a-z 0-9 . _ : -`), else a fresh UUID. */
export function requestIdFrom(header: string | undefined, fresh: () => string): string {
  return header !== undefined && REQUEST_ID.test(header) ? header : fresh();
}
