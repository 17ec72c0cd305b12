/** One request's abort signal and the way to end it. */
export interface RequestSignal {
  /** Fires at the request's deadline, when the request ends, or when the gateway gives up on in-flight work. */
  readonly signal: AbortSignal;
  /** The request is over (its response sent, or its connection gone): stop the timer and abort what it left running. */
  end(): void;
}

const STOPPING = new DOMException('The gateway is stopping.', 'AbortError');
const DEADLINE = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
const ENDED = new DOMException('The request has ended.', 'AbortError');

/**
 * The abort signals of the gateway's in-flight requests: one AbortController per request, aborted at its deadline,
 * at its end, or by {@link abortAll} when the gateway stops. A request's controller and deadline timer are made when
 * its signal is first read: a request answered without reading it (a whole-answer cache hit) costs neither.
 * NOTE: not `AbortSignal.any([AbortSignal.timeout(ms), shutdownSignal])`. On Node 20, AbortSignal.any adds a WeakRef
 * to the long-lived shutdown signal's set of dependants for every request (and, through the client's own composition
 * per attempt, for every upstream call) and never prunes it, so the set grows for the life of the process; and
 * AbortSignal.timeout leaves a timer armed for the whole deadline after the request is done. Here a finished request
 * leaves nothing behind.
 */
export class RequestSignals {
  private readonly live = new Map<AbortController, NodeJS.Timeout>();
  private stopped_ = false;

  /** Starts a request's lifetime, due to fire `deadlineMs` from now (at once when the gateway has already stopped). */
  open(deadlineMs: number): RequestSignal {
    const dueAt = performance.now() + deadlineMs;
    let controller: AbortController | null = null;
    let ended = false;
    const arm = (): AbortController => this.start(dueAt, ended);
    return {
      get signal(): AbortSignal {
        controller ??= arm();
        return controller.signal;
      },
      end: () => {
        ended = true;
        if (controller) this.finish(controller);
      },
    };
  }

  /** A request's controller, armed to fire at `dueAt` (`performance.now()` time), or already aborted. */
  private start(dueAt: number, ended: boolean): AbortController {
    const controller = new AbortController();
    const leftMs = dueAt - performance.now();
    if (this.stopped_ || ended || leftMs <= 0) {
      controller.abort(this.stopped_ ? STOPPING : ended ? ENDED : DEADLINE);
      return controller;
    }
    const timer = setTimeout(() => {
      this.live.delete(controller);
      controller.abort(DEADLINE);
    }, leftMs);
    timer.unref();
    this.live.set(controller, timer);
    return controller;
  }

  /** The request is over: its timer stops and what it left running is aborted. */
  private finish(controller: AbortController): void {
    const timer = this.live.get(controller);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.live.delete(controller);
    controller.abort(ENDED);
  }

  /** Aborts every in-flight request's signal, and every one opened later (the end of the shutdown grace period). */
  abortAll(): void {
    this.stopped_ = true;
    for (const [controller, timer] of this.live) {
      clearTimeout(timer);
      controller.abort(STOPPING);
    }
    this.live.clear();
  }

  /** Whether {@link abortAll} has run (the gateway gave up on in-flight work). */
  get stopped(): boolean {
    return this.stopped_;
  }

  /** How many requests whose signal was read are in flight (for tests). */
  get size(): number {
    return this.live.size;
  }
}
