import type { Logger } from 'pino';
import { createLogger } from '../../src/observability/logger';
import type { LogLevel } from '../../src/config';

/** A gateway logger whose lines are kept in memory (pino writes each line to the destination as one string). */
export function captureLogs(level: LogLevel = 'debug'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines };
}
