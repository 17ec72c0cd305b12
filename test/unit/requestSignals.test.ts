import { RequestSignals } from '../../src/http/requestSignals';

const reasonOf = (signal: AbortSignal): string | null => (signal.aborted ? (signal.reason as DOMException).name : null);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RequestSignals', () => {
  it('makes no controller and arms no timer for a request that never reads its signal', () => {
    const signals = new RequestSignals();
    const lifetime = signals.open(60_000);
    expect(signals.size).toBe(0);
    lifetime.end();
    expect(signals.size).toBe(0);
  });

  it('arms the deadline from the moment the request opened, not from the first read', async () => {
    const signals = new RequestSignals();
    const lifetime = signals.open(40);
    await wait(60);
    const late = lifetime.signal;
    expect([reasonOf(late), signals.size]).toEqual(['TimeoutError', 0]);

    const early = signals.open(30);
    const signal = early.signal;
    expect([reasonOf(signal), signals.size]).toEqual([null, 1]);
    await wait(60);
    expect([reasonOf(signal), signals.size]).toEqual(['TimeoutError', 0]);
  });

  it('aborts what a request left running when it ends, and a signal first read after the end is already aborted', () => {
    const signals = new RequestSignals();
    const read = signals.open(60_000);
    const signal = read.signal;
    expect(read.signal).toBe(signal);
    read.end();
    expect([reasonOf(signal), signals.size]).toEqual(['AbortError', 0]);
    const unread = signals.open(60_000);
    unread.end();
    expect(reasonOf(unread.signal)).toBe('AbortError');
    expect((unread.signal.reason as Error).message).toBe('The request has ended.');
  });

  it('aborts every read signal at abortAll, and every signal read or opened after it', () => {
    const signals = new RequestSignals();
    const read = signals.open(60_000);
    const signal = read.signal;
    const unread = signals.open(60_000);
    signals.abortAll();
    const opened = signals.open(60_000);
    expect([signal, unread.signal, opened.signal].map((s) => (s.reason as Error).message)).toEqual([
      'The gateway is stopping.',
      'The gateway is stopping.',
      'The gateway is stopping.',
    ]);
    expect([signals.stopped, signals.size]).toEqual([true, 0]);
  });
});
