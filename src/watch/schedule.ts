import type { PollSchedule } from '../config';

export type { PollSchedule };

/**
 * How long to wait before the next poll of a job watched for `elapsedMs`: `minMs` during the first `fastForMs`, then
 * growing linearly to `maxMs` over `rampMs`, then `maxMs`; moved by up to `jitter` of itself either way (`random` in
 * [0, 1): 0.5 is no jitter). A wait Atlas asked for (`retryAfterMs`) is never shortened. Pure: the unit tests give
 * literal inputs. With the defaults (5 s for a minute, 30 s after five) a 30-minute job costs about 80 polls.
 */
export function pollDelayMs(schedule: PollSchedule, elapsedMs: number, random: number, retryAfterMs: number | null = null): number {
  const { minMs, maxMs, fastForMs, rampMs, jitter } = schedule;
  const intoRamp = Math.max(0, elapsedMs - fastForMs);
  const base = rampMs <= 0 ? (intoRamp > 0 ? maxMs : minMs) : minMs + (maxMs - minMs) * Math.min(1, intoRamp / rampMs);
  const jittered = Math.round(base * (1 + jitter * (2 * random - 1)));
  return Math.max(jittered, retryAfterMs ?? 0);
}
