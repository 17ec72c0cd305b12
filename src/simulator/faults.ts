import { errorBody, faultErrorCode } from './errors';

/** One injected misbehaviour, consulted before authentication and routing. */
export interface Fault {
  /** Which requests it applies to (default: every request, token requests included). */
  match?: (call: { method: string; path: string; authorization: string | undefined }) => boolean;
  /** How many matching requests it applies to (default 1; Infinity allowed). */
  times?: number;
  /** Reply with this status (default 500 when `body` or `headers` is set); the body defaults to an Atlas error body. */
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Wait this long first (a hang when large). With nothing else set, the request is then served normally. */
  delayMs?: number;
  /** Destroy the socket without a response (a connection reset), before the request is handled. */
  destroy?: boolean;
  /**
   * `'destroy'`: handle the request fully (a POST creates its job), then destroy the socket instead of answering: the
   * client loses the answer of a write that happened. The call is recorded with status 0 and the status it would have
   * had in `unsentStatus`. `status`, `body`, `headers` and `destroy` are not used with it.
   */
  afterHandling?: 'destroy';
  /** A slow body: send it `trickle.bytes` at a time, `trickle.intervalMs` apart (headers go at once). */
  trickle?: { bytes: number; intervalMs: number };
  /** A truncated body: announce the whole body's Content-Length, send this many bytes, then destroy the socket. */
  truncateAt?: number;
}

interface StoredFault extends Fault {
  remaining: number;
}

/** The injected faults, consulted in the order added; each applies to its `times` matching requests. */
export class FaultQueue {
  private readonly faults: StoredFault[] = [];

  /** Adds a fault. */
  inject(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /** Removes every fault. */
  clear(): void {
    this.faults.length = 0;
  }

  /** The first fault that applies to a request, used up by one. */
  take(method: string, path: string, authorization?: string): Fault | null {
    for (const [index, fault] of this.faults.entries()) {
      if (fault.remaining <= 0) continue;
      if (fault.match && !fault.match({ method, path, authorization })) continue;
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.splice(index, 1);
      return fault;
    }
    return null;
  }
}

/** Whether a fault replies by itself (a status, a body or headers). */
export function faultReplies(fault: Fault): boolean {
  return fault.status !== undefined || fault.body !== undefined || fault.headers !== undefined;
}

/** A replying fault's status and body (an Atlas error body unless it brought one). */
export function faultAnswer(fault: Fault): { status: number; body: string } {
  const status = fault.status ?? 500;
  return { status, body: fault.body ?? JSON.stringify(errorBody(status, faultErrorCode(status), 'Simulated fault.')) };
}
