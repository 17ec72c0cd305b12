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

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when well-formed (1-128 of `A-Z a-z 0-9 . _ : -`), else a fresh UUID. */
export function requestIdFrom(header: string | undefined, fresh: () => string): string {
  return header !== undefined && REQUEST_ID.test(header) ? header : fresh();
}
