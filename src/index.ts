import { bannerLines, listenErrorLine } from './banner';
import { ConfigError, loadConfig, type Config } from './config';
import { GRAPHIQL_PATH, graphiqlInstalled } from './http';
import { createGateway, type Gateway } from './server';
import { createShutdownHandler } from './shutdown';
import type { AtlasSimulator, DEMO } from './simulator';

/** The only file that reads the environment and listens: env -> config -> (demo: simulator) -> createGateway -> listen. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  let simulator: AtlasSimulator | null = null;
  let demo: typeof DEMO | null = null;
  let atlasBaseUrl = config.atlasBaseUrl;
  if (config.auth.mode === 'demo') {
    // NOTE: the embedded simulator (its seeds and kinds, 37 modules) is loaded in demo mode only: a gateway in front of
    // Atlas never runs it, so it does not load or hold it.
    const embedded = require('./simulator') as typeof import('./simulator');
    const started = new embedded.AtlasSimulator({ jobStepMs: config.demoJobStepMs });
    simulator = started;
    demo = embedded.DEMO;
    atlasBaseUrl = await started.start(0, '127.0.0.1');
  }
  const gateway: Gateway = await createGateway({ ...config, atlasBaseUrl: atlasBaseUrl! });
  try {
    await gateway.listen(config.port, config.host);
  } catch (error) {
    const line = listenErrorLine(error, config.host, config.port);
    if (line === null) throw error;
    process.stderr.write(`${line}\n`);
    process.exit(1);
  }

  const graphiqlUrl = config.explorer !== 'off' && graphiqlInstalled() ? gateway.url.replace(/\/graphql$/, GRAPHIQL_PATH) : null;
  const lines = bannerLines({
    graphqlUrl: gateway.url,
    graphiqlUrl,
    explorer: config.explorer,
    apiVersion: config.apiVersion,
    auth: config.auth,
    atlasBaseUrl: atlasBaseUrl!,
    demo,
    cache: config.cache,
    metricsUrl: gateway.metricsUrl,
  });
  process.stdout.write(lines.join('\n') + '\n');

  const { delayMs, graceMs } = config.shutdown;
  const shutdown = createShutdownHandler({
    stop: async () => {
      await gateway.stop();
      await simulator?.stop();
    },
    forceAfterMs: delayMs + graceMs + 5_000,
    exit: (code) => process.exit(code),
    write: (line) => process.stdout.write(line),
  });
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`atlas-restore-gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
