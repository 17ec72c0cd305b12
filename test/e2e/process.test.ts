import { join } from 'node:path';
import { startGatewayProcess, type GatewayProcess } from '../support/gatewayProcess';

/** The gateway as a process (src/index.ts, the one file that reads the environment and listens). Issue #14. */
describe('the start line', () => {
  let gateway: GatewayProcess | undefined;
  afterEach(async () => {
    await gateway?.stop();
    gateway = undefined;
  });

  it('#14 item 12: prints MONGODB_ATLAS_BASE_URL without the user:password@ it may hold', async () => {
    // Passthrough: nothing is sent to Atlas at start, so the port may be closed.
    gateway = await startGatewayProcess({ ATLAS_AUTH_MODE: 'passthrough', MONGODB_ATLAS_BASE_URL: 'http://atlas-user:atlas-pass-8d1e@127.0.0.1:9/prefix?apiKey=k-77' });
    const line = (await gateway.waitFor(/^Atlas: .*$/m))[0];
    expect(line).toBe('Atlas: http://[credentials]@127.0.0.1:9/prefix?[query] (API v2, auth: passthrough)');
    expect(gateway.output()).not.toMatch(/atlas-user|atlas-pass-8d1e|k-77/);
  });
});

describe('the embedded simulator', () => {
  /** Prints, as the process exits, how many of src/simulator's modules it loaded (test/support/moduleProbe.js). */
  const probe = { NODE_OPTIONS: `--require ${join(__dirname, '..', 'support', 'moduleProbe.js')}` };
  const loadedBy = async (env: NodeJS.ProcessEnv): Promise<number> => {
    const gateway = await startGatewayProcess({ ...probe, ...env });
    expect(await gateway.stop()).toBe(0);
    return Number(/simulator modules loaded: (\d+)/.exec(gateway.output())?.[1]);
  };

  it('is loaded in demo mode only: a gateway in front of Atlas does not load it', async () => {
    const demo = await loadedBy({});
    const passthrough = await loadedBy({ ATLAS_AUTH_MODE: 'passthrough', MONGODB_ATLAS_BASE_URL: 'http://127.0.0.1:9' });
    expect([demo > 10, passthrough]).toEqual([true, 0]);
  });
});
