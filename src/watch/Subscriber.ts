import type { WatchEnd, WatchMessage, WatchStop } from './model';

/**
 * One subscriber's stream: a queue of messages read as an async iterator. It ends after its last message (an event
 * that ends the watch, or a stop); `onClose` runs once, when it ends or its reader returns, so the poll forgets it.
 */
export class Subscriber implements AsyncIterableIterator<WatchMessage> {
  /** Whether it has had its first event. */
  started = false;
  private readonly queue: WatchMessage[] = [];
  private waiting: ((result: IteratorResult<WatchMessage>) => void) | null = null;
  private ended = false;
  private closed = false;

  constructor(
    readonly until: WatchEnd,
    private readonly onClose: () => void,
  ) {}

  /** Queues an event. */
  push(message: WatchMessage): void {
    if (this.ended) return;
    if (message.type === 'event') this.started = true;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting({ value: message, done: false });
    } else this.queue.push(message);
  }

  /** Queues the last message; the stream then ends. */
  finish(message: WatchMessage): void {
    if (this.ended) return;
    this.push(message);
    this.ended = true;
    this.close();
  }

  /** Ends the stream with a stop (shutdown, lifetime, failure). */
  stop(stop: WatchStop): void {
    this.finish({ type: 'stop', stop });
  }

  next(): Promise<IteratorResult<WatchMessage>> {
    const message = this.queue.shift();
    if (message) return Promise.resolve({ value: message, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<WatchMessage>> {
    this.ended = true;
    this.queue.length = 0;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.({ value: undefined, done: true });
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<WatchMessage> {
    return this;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}
