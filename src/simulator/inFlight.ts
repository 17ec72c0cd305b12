import type { ServerResponse } from 'node:http';

/**
 * What the simulator is answering at once: requests in flight, and identical ones (same method, URL, Accept and
 * Authorization), with the peaks of both since the last reset. Tests read the peaks (coalescing, fan-out bounds).
 */
export class InFlightCounter {
  private readonly identical = new Map<string, number>();
  private now = 0;
  private peakTwins = 0;
  private peakAll = 0;

  /** The most identical requests answered at one moment (1: none was ever sent while its twin was in flight). */
  get peakIdentical(): number {
    return this.peakTwins;
  }

  /** The most requests answered at one moment. */
  get peak(): number {
    return this.peakAll;
  }

  /** Counts a request from now until its response closes. */
  enter(twin: string, res: ServerResponse): void {
    const twins = (this.identical.get(twin) ?? 0) + 1;
    this.identical.set(twin, twins);
    this.now += 1;
    this.peakTwins = Math.max(this.peakTwins, twins);
    this.peakAll = Math.max(this.peakAll, this.now);
    res.once('close', () => {
      this.now -= 1;
      const left = (this.identical.get(twin) ?? 1) - 1;
      if (left === 0) this.identical.delete(twin);
      else this.identical.set(twin, left);
    });
  }

  /** Starts the peaks again: identical ones from 0, all from what is in flight now. */
  reset(): void {
    this.peakTwins = 0;
    this.peakAll = this.now;
  }
}
