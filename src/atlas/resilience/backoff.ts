/** Backoff arithmetic and header parsing: pure functions, no I/O, the clock and randomness passed in. */

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff and Jitter): a uniform wait in `[0, min(maxMs, baseMs * 2^n))`
 * before retry `n` (0-based). Spreads retries of many callers instead of synchronizing them. NOTE: cockatiel has the
 * same curve (`fullJitterGenerator` for its ExponentialBackoff), but it draws from `Math.random()` and keeps the
 * attempt count in its own backoff state; the wait here also combines with Atlas's `Retry-After` floor, and its
 * chance comes from the injected clock so tests get exact waits.
 */
export function fullJitterMs(retry: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry));
  return Math.floor(clamp01(random()) * ceiling);
}

/**
 * The wait Atlas documents for a rate-limited call that says nothing about when to come back: 10 s before the first
 * retry, 20 s before the second, 40 s before the third (with the default base of 10 s).
 */
export function rateLimitScheduleMs(rateLimitedSoFar: number, baseMs: number): number {
  return baseMs * 2 ** Math.max(0, rateLimitedSoFar);
}

/**
 * `Retry-After` in milliseconds: delta-seconds (`120`) or an HTTP-date; null when absent or unreadable. A date in the
 * past is 0.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  // NOTE: only IMF-fixdate style dates ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse would also take "1" or "2015".
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

/** A non-negative integer header (`RateLimit-Limit`, `RateLimit-Remaining`); null when absent or unreadable. */
export function parseCountHeader(value: string | undefined): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  return /^\d{1,10}$/.test(text) ? Number(text) : null;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(Math.max(x, 0), 0.999999) : 0;
}
