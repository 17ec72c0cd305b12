import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('is demo mode with defaults when nothing is set (empty variables count as unset)', () => {
    expect(loadConfig({ MONGODB_ATLAS_CLIENT_ID: '', ATLAS_AUTH_MODE: ' ' })).toEqual({
      port: 4000,
      host: '127.0.0.1',
      atlasBaseUrl: null,
      apiVersion: 'v2',
      auth: { mode: 'demo' },
      timeouts: { connectMs: 5000, attemptMs: 10000, requestMs: 30000 },
      nodeEnv: '',
      explorer: 'sandbox',
      introspection: true,
      corsOrigins: [],
      resilience: {
        retry: { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 5000, rateLimitBaseMs: 10000, maxRetryAfterMs: 60000 },
        breaker: { failureThreshold: 5, cooldownMs: 30000 },
      },
      limits: {
        maxDepth: 10,
        maxAliases: 20,
        maxRootFields: 20,
        maxTokens: 2000,
        maxDirectives: 20,
        maxFieldCost: 20000,
        maxCost: 2000,
        maxBodyBytes: 1048576,
      },
      access: { allowedProjectIds: null, gatewayTokens: null },
      logLevel: 'info',
      executor: 'graphql-js',
      mutations: true,
      demoJobStepMs: 5000,
      shutdown: { delayMs: 0, graceMs: 10000 },
      cache: {
        enabled: true,
        coalesce: true,
        redisUrl: null,
        ttls: { terminalMs: 3600000, runningMs: 5000, pageMs: 2000 },
        maxEntries: 10000,
        maxBytes: 67108864,
        timeoutMs: 100,
      },
      http: { headersTimeoutMs: 10000, requestTimeoutMs: 30000 },
      metrics: { tokens: null, port: null, host: '127.0.0.1' },
      project: { fanOut: 8, clusterTimeoutMs: 5000, maxClusters: 40 },
      watch: {
        schedule: { minMs: 5000, maxMs: 30000, fastForMs: 60000, rampMs: 240000, jitter: 0.1 },
        maxLifetimeMs: 21600000,
        maxPerConnection: 20,
        maxPerProcess: 5000,
        pingMs: 15000,
        initTimeoutMs: 10000,
        idleTimeoutMs: 300000,
        leaseMs: 15000,
        leaseRenewMs: 5000,
      },
    });
  });

  it('reads the watch settings', () => {
    const env = {
      WATCH_POLL_MIN_MS: '1000',
      WATCH_POLL_MAX_MS: '2000',
      WATCH_POLL_FAST_FOR_MS: '0',
      WATCH_POLL_RAMP_MS: '5000',
      WATCH_POLL_JITTER: '0.25',
      WATCH_MAX_LIFETIME_MS: '60000',
      WATCH_MAX_PER_CONNECTION: '3',
      WATCH_MAX_PER_PROCESS: '30',
      WATCH_PING_MS: '1000',
      WATCH_INIT_TIMEOUT_MS: '2000',
      WATCH_IDLE_TIMEOUT_MS: '3000',
      WATCH_LEASE_MS: '9000',
      WATCH_LEASE_RENEW_MS: '3000',
    };
    expect(loadConfig(env).watch).toEqual({
      schedule: { minMs: 1000, maxMs: 2000, fastForMs: 0, rampMs: 5000, jitter: 0.25 },
      maxLifetimeMs: 60000,
      maxPerConnection: 3,
      maxPerProcess: 30,
      pingMs: 1000,
      initTimeoutMs: 2000,
      idleTimeoutMs: 3000,
      leaseMs: 9000,
      leaseRenewMs: 3000,
    });
  });

  it('reads the project view settings; the per-cluster limit stays under the request limit', () => {
    expect(loadConfig({ PROJECT_FANOUT: '3', PROJECT_CLUSTER_TIMEOUT_MS: '750', PROJECT_MAX_CLUSTERS: '100' }).project).toEqual({
      fanOut: 3,
      clusterTimeoutMs: 750,
      maxClusters: 100,
    });
    // Unset, it is 5 s or half the request's limit, whichever is less.
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '4000' }).project.clusterTimeoutMs).toBe(2000);
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '4000', PROJECT_CLUSTER_TIMEOUT_MS: '4000' })).toThrow(
      'PROJECT_CLUSTER_TIMEOUT_MS: must be less than REQUEST_TIMEOUT_MS (4000): a page with a slow cluster must still arrive within the request\'s time limit.',
    );
    expect(() => loadConfig({ PROJECT_FANOUT: '0' })).toThrow('PROJECT_FANOUT: must be an integer from 1 to 100, got "0".');
    expect(() => loadConfig({ PROJECT_MAX_CLUSTERS: 'all' })).toThrow('PROJECT_MAX_CLUSTERS: must be an integer from 1 to 10000, got "all".');
  });

  it('reads the cache settings', () => {
    const config = loadConfig({
      CACHE: 'off',
      COALESCE: 'OFF',
      REDIS_URL: 'redis://:s3cret@127.0.0.1:6390/2',
      CACHE_TTL_TERMINAL_MS: '600000',
      CACHE_TTL_RUNNING_MS: '0',
      CACHE_TTL_PAGE_MS: '500',
      CACHE_MAX_ENTRIES: '50',
      CACHE_MAX_MB: '8',
      CACHE_TIMEOUT_MS: '25',
    });
    expect(config.cache).toEqual({
      enabled: false,
      coalesce: false,
      redisUrl: 'redis://:s3cret@127.0.0.1:6390/2',
      ttls: { terminalMs: 600000, runningMs: 0, pageMs: 500 },
      maxEntries: 50,
      maxBytes: 8 * 1024 * 1024,
      timeoutMs: 25,
    });
  });

  it.each([
    ['CACHE', 'sometimes', /CACHE: must be "on" or "off"/],
    ['COALESCE', '1', /COALESCE: must be "on" or "off"/],
    ['CACHE_TTL_TERMINAL_MS', '-1', /CACHE_TTL_TERMINAL_MS: must be an integer/],
    ['CACHE_MAX_ENTRIES', '0', /CACHE_MAX_ENTRIES: must be an integer from 1/],
    ['REDIS_URL', 'http://user:pw@cache.internal:6379', /REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL\.$/],
    ['EXECUTOR', 'compiled', /EXECUTOR: must be "graphql-js" or "jit", got "compiled"\.$/],
  ])('refuses %s=%s with a one-line error', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('reads EXECUTOR (graphql-js by default, jit on request)', () => {
    expect([loadConfig({}).executor, loadConfig({ EXECUTOR: 'graphql-js' }).executor, loadConfig({ EXECUTOR: 'jit' }).executor]).toEqual(['graphql-js', 'graphql-js', 'jit']);
  });

  it('never quotes REDIS_URL back (it may hold a password)', () => {
    let message = '';
    try {
      loadConfig({ REDIS_URL: 'memcached://admin:hunter2-secret@cache:11211' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^REDIS_URL: /);
    expect(message).not.toContain('hunter2-secret');
  });

  it('reads the operating settings', () => {
    const config = loadConfig({
      MONGODB_ATLAS_CLIENT_ID: 'id',
      MONGODB_ATLAS_CLIENT_SECRET: 's',
      ATLAS_MAX_RETRIES: '0',
      ATLAS_RATE_LIMIT_BACKOFF_MS: '5',
      ATLAS_MAX_RETRY_AFTER_MS: '30000',
      ATLAS_BREAKER_FAILURES: '2',
      GRAPHQL_MAX_DEPTH: '4',
      GRAPHQL_MAX_BODY_BYTES: '2048',
      ALLOWED_PROJECT_IDS: ' 65f1c0de2a4b6c8d0e1f2a3b, 6602a9e17b3c4d5e6f708192 ,65f1c0de2a4b6c8d0e1f2a3b',
      GATEWAY_TOKENS: 'gateway-token-0123456789',
      LOG_LEVEL: 'debug',
      SHUTDOWN_GRACE_MS: '500',
      HTTP_HEADERS_TIMEOUT_MS: '2000',
      HTTP_REQUEST_TIMEOUT_MS: '4000',
      METRICS_TOKEN: 'metrics-token-abcdefghij, metrics-token-rotated-0001',
      METRICS_PORT: '9464',
    });
    expect(config).toMatchObject({
      resilience: { retry: { maxRetries: 0, rateLimitBaseMs: 5, maxRetryAfterMs: 30000 }, breaker: { failureThreshold: 2, cooldownMs: 30000 } },
      limits: { maxDepth: 4, maxBodyBytes: 2048 },
      access: { allowedProjectIds: ['65f1c0de2a4b6c8d0e1f2a3b', '6602a9e17b3c4d5e6f708192'], gatewayTokens: ['gateway-token-0123456789'] },
      logLevel: 'debug',
      shutdown: { delayMs: 0, graceMs: 500 },
      http: { headersTimeoutMs: 2000, requestTimeoutMs: 4000 },
      metrics: { tokens: ['metrics-token-abcdefghij', 'metrics-token-rotated-0001'], port: 9464, host: '127.0.0.1' },
    });
  });

  it('chooses the explorer; production serves none and turns introspection off unless INTROSPECTION=true', () => {
    const pick = (env: Record<string, string>) => {
      const { explorer, introspection, nodeEnv } = loadConfig(env);
      return { explorer, introspection, nodeEnv };
    };
    expect(pick({ EXPLORER: 'graphiql' })).toEqual({ explorer: 'graphiql', introspection: true, nodeEnv: '' });
    expect(pick({ EXPLORER: 'off', INTROSPECTION: 'false' })).toEqual({ explorer: 'off', introspection: false, nodeEnv: '' });
    expect(pick({ NODE_ENV: 'production' })).toEqual({ explorer: 'off', introspection: false, nodeEnv: 'production' });
    expect(pick({ NODE_ENV: 'production', EXPLORER: 'off', INTROSPECTION: 'true' })).toEqual({
      explorer: 'off',
      introspection: true,
      nodeEnv: 'production',
    });
  });

  it('turns mutations off in production unless MUTATIONS=on; on elsewhere and in demo mode', () => {
    const server = { MONGODB_ATLAS_PUBLIC_API_KEY: 'p', MONGODB_ATLAS_PRIVATE_API_KEY: 'k' };
    const cases = [
      {},
      { NODE_ENV: 'development', ...server },
      { ...server },
      { NODE_ENV: 'production', ...server },
      { NODE_ENV: 'production', MUTATIONS: 'on', ...server },
      { NODE_ENV: 'production' },
      { MUTATIONS: 'off' },
    ];
    expect(cases.map((env) => loadConfig(env).mutations)).toEqual([true, true, true, false, true, true, false]);
  });

  it('reads CORS_ORIGINS as an exact allow-list of origins', () => {
    expect(loadConfig({ CORS_ORIGINS: ' https://ui.example.com, http://127.0.0.1:5173 ,,https://ui.example.com' }).corsOrigins).toEqual([
      'https://ui.example.com',
      'http://127.0.0.1:5173',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://UI.example.com/app' })).toThrow(
      new ConfigError(
        'CORS_ORIGINS',
        '"https://UI.example.com/app" is not an origin: write scheme://host[:port] exactly as browsers send it (no path, no "*"); did you mean "https://ui.example.com"?',
      ),
    );
  });

  it('chooses the service account, digest or passthrough by what is set', () => {
    expect(loadConfig({ MONGODB_ATLAS_CLIENT_ID: 'id', MONGODB_ATLAS_CLIENT_SECRET: 's' }).auth).toEqual({
      mode: 'serviceAccount',
      clientId: 'id',
      clientSecret: 's',
    });
    expect(loadConfig({ MONGODB_ATLAS_PUBLIC_API_KEY: 'p', MONGODB_ATLAS_PRIVATE_API_KEY: 'k' })).toMatchObject({
      auth: { mode: 'digest', publicKey: 'p', privateKey: 'k' },
      atlasBaseUrl: 'https://cloud.mongodb.com',
    });
    expect(loadConfig({ ATLAS_AUTH_MODE: 'passthrough', MONGODB_ATLAS_API_VERSION: 'v1.0' })).toMatchObject({
      auth: { mode: 'passthrough' },
      apiVersion: 'v1.0',
    });
  });

  it('stays in demo mode with the API version, time limits and every other non-credential setting (DESIGN.md)', () => {
    const config = loadConfig({
      MONGODB_ATLAS_API_VERSION: 'v1.0',
      ATLAS_CONNECT_TIMEOUT_MS: '1000',
      ATLAS_ATTEMPT_TIMEOUT_MS: '2000',
      REQUEST_TIMEOUT_MS: '3000',
      ATLAS_MAX_RETRIES: '1',
    });
    expect({ auth: config.auth, atlasBaseUrl: config.atlasBaseUrl, apiVersion: config.apiVersion, timeouts: config.timeouts }).toEqual({
      auth: { mode: 'demo' },
      atlasBaseUrl: null,
      apiVersion: 'v1.0',
      timeouts: { connectMs: 1000, attemptMs: 2000, requestMs: 3000 },
    });
    expect(config.resilience.retry.maxRetries).toBe(1);
  });

  it.each([
    [{ MONGODB_ATLAS_CLIENT_ID: 'id' }, 'MONGODB_ATLAS_CLIENT_SECRET: is required when MONGODB_ATLAS_CLIENT_ID is set.'],
    [{ MONGODB_ATLAS_CLIENT_SECRET: 's' }, 'MONGODB_ATLAS_CLIENT_ID: is required when MONGODB_ATLAS_CLIENT_SECRET is set.'],
    [{ MONGODB_ATLAS_PUBLIC_API_KEY: 'p' }, 'MONGODB_ATLAS_PRIVATE_API_KEY: is required when MONGODB_ATLAS_PUBLIC_API_KEY is set.'],
    [{ MONGODB_ATLAS_PRIVATE_API_KEY: 'k', MONGODB_ATLAS_API_VERSION: 'v1.0' }, 'MONGODB_ATLAS_PUBLIC_API_KEY: is required when MONGODB_ATLAS_PRIVATE_API_KEY is set.'],
    [
      { MONGODB_ATLAS_BASE_URL: 'http://127.0.0.1:1' },
      'MONGODB_ATLAS_BASE_URL: is set, so the gateway calls that server and needs credentials: set MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET, MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY, or ATLAS_AUTH_MODE=passthrough (or unset MONGODB_ATLAS_BASE_URL for demo mode).',
    ],
  ])('incomplete credentials %j: the message names the variable set and the one missing', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message.split(':')[0]!, message.slice(message.indexOf(':') + 2)));
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ MONGODB_ATLAS_API_VERSION: 'v3' }, 'MONGODB_ATLAS_API_VERSION'],
    [{ MONGODB_ATLAS_CLIENT_ID: 'id' }, 'MONGODB_ATLAS_CLIENT_SECRET'],
    [{ MONGODB_ATLAS_PRIVATE_API_KEY: 'k' }, 'MONGODB_ATLAS_PUBLIC_API_KEY'],
    [{ MONGODB_ATLAS_BASE_URL: 'not a url' }, 'MONGODB_ATLAS_BASE_URL'],
    [{ MONGODB_ATLAS_BASE_URL: 'http://127.0.0.1:1' }, 'MONGODB_ATLAS_BASE_URL'],
    [{ ATLAS_AUTH_MODE: 'magic' }, 'ATLAS_AUTH_MODE'],
    [{ ATLAS_AUTH_MODE: 'passthrough', MONGODB_ATLAS_CLIENT_ID: 'i', MONGODB_ATLAS_CLIENT_SECRET: 's' }, 'ATLAS_AUTH_MODE'],
    [{ REQUEST_TIMEOUT_MS: '0' }, 'REQUEST_TIMEOUT_MS'],
    [{ EXPLORER: 'playground' }, 'EXPLORER'],
    [{ EXPLORER: 'graphiql', NODE_ENV: 'production' }, 'EXPLORER'],
    [{ INTROSPECTION: 'yes' }, 'INTROSPECTION'],
    [{ MUTATIONS: 'true' }, 'MUTATIONS'],
    [{ DEMO_JOB_STEP_MS: '0' }, 'DEMO_JOB_STEP_MS'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://ui.example.com/' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://ui.example.com, ui.example.com' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://UI.example.com' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'ws://ui.example.com' }, 'CORS_ORIGINS'],
    [{ ATLAS_MAX_RETRIES: '11' }, 'ATLAS_MAX_RETRIES'],
    [{ ATLAS_RETRY_BASE_MS: '-1' }, 'ATLAS_RETRY_BASE_MS'],
    [{ ATLAS_RETRY_MAX_DELAY_MS: '1.5' }, 'ATLAS_RETRY_MAX_DELAY_MS'],
    [{ ATLAS_RATE_LIMIT_BACKOFF_MS: 'ten' }, 'ATLAS_RATE_LIMIT_BACKOFF_MS'],
    [{ ATLAS_MAX_RETRY_AFTER_MS: '500' }, 'ATLAS_MAX_RETRY_AFTER_MS'],
    [{ ATLAS_BREAKER_FAILURES: '0' }, 'ATLAS_BREAKER_FAILURES'],
    [{ ATLAS_BREAKER_COOLDOWN_MS: '1e3' }, 'ATLAS_BREAKER_COOLDOWN_MS'],
    [{ GRAPHQL_MAX_DEPTH: '0' }, 'GRAPHQL_MAX_DEPTH'],
    [{ GRAPHQL_MAX_ALIASES: 'x' }, 'GRAPHQL_MAX_ALIASES'],
    [{ GRAPHQL_MAX_ROOT_FIELDS: '0' }, 'GRAPHQL_MAX_ROOT_FIELDS'],
    [{ GRAPHQL_MAX_TOKENS: '5' }, 'GRAPHQL_MAX_TOKENS'],
    [{ GRAPHQL_MAX_DIRECTIVES: '-3' }, 'GRAPHQL_MAX_DIRECTIVES'],
    [{ GRAPHQL_MAX_FIELD_COST: '0' }, 'GRAPHQL_MAX_FIELD_COST'],
    [{ GRAPHQL_MAX_COST: 'lots' }, 'GRAPHQL_MAX_COST'],
    [{ GRAPHQL_MAX_BODY_BYTES: '100' }, 'GRAPHQL_MAX_BODY_BYTES'],
    [{ ALLOWED_PROJECT_IDS: '65f1c0de2a4b6c8d0e1f2a3b,not-a-project' }, 'ALLOWED_PROJECT_IDS'],
    [{ MONGODB_ATLAS_CLIENT_ID: 'i', MONGODB_ATLAS_CLIENT_SECRET: 's', GATEWAY_TOKENS: 'short' }, 'GATEWAY_TOKENS'],
    [{ ATLAS_AUTH_MODE: 'passthrough', GATEWAY_TOKENS: 'gateway-token-0123456789' }, 'GATEWAY_TOKENS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SHUTDOWN_GRACE_MS: 'soon' }, 'SHUTDOWN_GRACE_MS'],
    [{ SHUTDOWN_DELAY_MS: '-1' }, 'SHUTDOWN_DELAY_MS'],
    [{ HTTP_HEADERS_TIMEOUT_MS: '0' }, 'HTTP_HEADERS_TIMEOUT_MS'],
    [{ HTTP_REQUEST_TIMEOUT_MS: 'slow' }, 'HTTP_REQUEST_TIMEOUT_MS'],
    [{ HTTP_HEADERS_TIMEOUT_MS: '40000' }, 'HTTP_HEADERS_TIMEOUT_MS'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    [{ METRICS_PORT: '0' }, 'METRICS_PORT'],
    [{ METRICS_PORT: '4000' }, 'METRICS_PORT'],
    [{ WATCH_POLL_MIN_MS: '5' }, 'WATCH_POLL_MIN_MS'],
    [{ WATCH_POLL_MIN_MS: '40000' }, 'WATCH_POLL_MAX_MS'],
    [{ WATCH_POLL_JITTER: '0.9' }, 'WATCH_POLL_JITTER'],
    [{ WATCH_POLL_JITTER: 'some' }, 'WATCH_POLL_JITTER'],
    [{ WATCH_MAX_LIFETIME_MS: 'forever' }, 'WATCH_MAX_LIFETIME_MS'],
    [{ WATCH_MAX_PER_CONNECTION: '0' }, 'WATCH_MAX_PER_CONNECTION'],
    [{ WATCH_MAX_PER_PROCESS: '-1' }, 'WATCH_MAX_PER_PROCESS'],
    [{ WATCH_PING_MS: '10' }, 'WATCH_PING_MS'],
    [{ WATCH_LEASE_RENEW_MS: '15000' }, 'WATCH_LEASE_RENEW_MS'],
  ])('%j fails naming %s, without echoing secrets', (env, variable) => {
    let caught: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(variable);
    expect((caught as ConfigError).message).not.toMatch(/\n/);
    expect((caught as ConfigError).message).not.toContain('"s"');
    expect((caught as ConfigError).message).not.toContain('short');
  });
});
