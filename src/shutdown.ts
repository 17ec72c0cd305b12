/** What {@link createShutdownHandler} needs: the things to stop, a bound, and the process's exit. */
export interface ShutdownOptions {
  /** Stops everything (the gateway drains within its own delay + grace). */
  stop: () => Promise<void>;
  /** Exit with 1 if stopping has not finished by then (a backstop; the gateway's own bound comes first). */
  forceAfterMs: number;
  exit: (code: number) => void;
  write: (line: string) => void;
}

/**
 * The SIGTERM/SIGINT handler: the first signal drains and exits 0 (1 when stopping fails or overruns `forceAfterMs`);
 * later signals are ignored while it runs. src/index.ts installs it; tests call it with a recording `exit`.
 */
export function createShutdownHandler(options: ShutdownOptions): (signal: string) => void {
  let stopping = false;
  return (signal) => {
    if (stopping) return;
    stopping = true;
    options.write(`${signal}: draining in-flight requests, then exiting.\n`);
    const force = setTimeout(() => options.exit(1), options.forceAfterMs);
    force.unref();
    options
      .stop()
      .then(
        () => 0,
        () => 1,
      )
      .then((code) => {
        clearTimeout(force);
        options.exit(code);
      });
  };
}
