import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';

/** The ws:// URL of a gateway's http:// GraphQL URL. */
export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/** A real graphql-ws client (with `ws`) to the gateway; not lazy, no retries, so a refusal shows as it is. */
export function wsClient(httpUrl: string, options: Partial<ClientOptions> = {}): Client {
  return createClient({ url: wsUrl(httpUrl), webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, onNonLazyError: () => undefined, ...options });
}

/** What one subscription received, and how it ended. */
export interface Followed {
  results: FormattedExecutionResult<Record<string, unknown>, unknown>[];
  /** `complete`, or the error the sink got (a close event's code and reason, or GraphQL errors). */
  end: { type: 'complete' } | { type: 'closed'; code: number; reason: string } | { type: 'error'; errors: unknown };
}

/** Subscribes and collects every result until the stream completes or fails; `onResult` sees each as it comes. */
export function follow(client: Client, query: string, variables: Record<string, unknown> = {}, onResult?: (result: FormattedExecutionResult<Record<string, unknown>, unknown>, index: number) => void): Promise<Followed> & { results: FormattedExecutionResult<Record<string, unknown>, unknown>[] } {
  const results: FormattedExecutionResult<Record<string, unknown>, unknown>[] = [];
  const done = new Promise<Followed>((resolve) => {
    client.subscribe(
      { query, variables },
      {
        next: (result) => {
          results.push(result);
          onResult?.(result, results.length - 1);
        },
        complete: () => resolve({ results, end: { type: 'complete' } }),
        error: (error: unknown) => {
          const close = error as { code?: unknown; reason?: unknown };
          if (typeof close?.code === 'number') resolve({ results, end: { type: 'closed', code: close.code, reason: String(close.reason) } });
          else resolve({ results, end: { type: 'error', errors: error } });
        },
      },
    );
  });
  return Object.assign(done, { results });
}

/** Waits until `check` holds (polling every 10 ms), failing after `ms`. */
export async function until(check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
