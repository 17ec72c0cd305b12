import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** `src/index.ts` in a child process, as `npm start` runs it (compiled on load by test/support/register-ts.js). */
export interface GatewayProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Resolves the first match of `pattern` in the output (rejects after `ms`, or when the process exits first). */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
  /** Resolves the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the gateway with exactly `env` (plus PATH and HOME) and waits for its banner. */
export async function startGatewayProcess(env: NodeJS.ProcessEnv): Promise<GatewayProcess & { url: string }> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'test', 'support', 'register-ts.js'), join(ROOT, 'src', 'index.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', LOG_LEVEL: 'warn', ...(process.env.EXECUTOR ? { EXECUTOR: process.env.EXECUTOR } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, ms = 30_000): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      let done = false;
      const finish = (outcome: () => void): void => {
        if (done) return;
        done = true;
        clearInterval(check);
        clearTimeout(timer);
        outcome();
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${pattern} within ${ms} ms:\n${output}`))), ms);
      const check = setInterval(() => {
        const match = pattern.exec(output);
        if (match) finish(() => resolve(match));
      }, 25);
      void exited.then((code) => {
        const match = pattern.exec(output);
        finish(() => (match ? resolve(match) : reject(new Error(`exited with ${code} before ${pattern}:\n${output}`))));
      });
    });
  const url = (await waitFor(/GraphQL at (http:\/\/\S+)/))[1]!;
  return {
    child,
    url,
    output: () => output,
    waitFor,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
