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

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ MONGODB_ATLAS_API_VERSION: 'v3' }, 'MONGODB_ATLAS_API_VERSION'],
    [{ MONGODB_ATLAS_CLIENT_ID: 'id' }, 'MONGODB_ATLAS_CLIENT_SECRET'],
    [{ MONGODB_ATLAS_PRIVATE_API_KEY: 'k' }, 'MONGODB_ATLAS_PUBLIC_API_KEY'],
    [{ MONGODB_ATLAS_BASE_URL: 'not a url' }, 'MONGODB_ATLAS_BASE_URL'],
    [{ MONGODB_ATLAS_BASE_URL: 'http://127.0.0.1:1' }, 'MONGODB_ATLAS_CLIENT_ID'],
    [{ ATLAS_AUTH_MODE: 'magic' }, 'ATLAS_AUTH_MODE'],
    [{ ATLAS_AUTH_MODE: 'passthrough', MONGODB_ATLAS_CLIENT_ID: 'i', MONGODB_ATLAS_CLIENT_SECRET: 's' }, 'ATLAS_AUTH_MODE'],
    [{ REQUEST_TIMEOUT_MS: '0' }, 'REQUEST_TIMEOUT_MS'],
    [{ EXPLORER: 'playground' }, 'EXPLORER'],
    [{ EXPLORER: 'graphiql', NODE_ENV: 'production' }, 'EXPLORER'],
    [{ INTROSPECTION: 'yes' }, 'INTROSPECTION'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://ui.example.com/' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://ui.example.com, ui.example.com' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://UI.example.com' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'ws://ui.example.com' }, 'CORS_ORIGINS'],
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
  });
});
