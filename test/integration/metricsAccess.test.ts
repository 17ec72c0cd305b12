import { startHarness, type Harness } from '../support/harness';

/** Who may read `/metrics` (issue #14, item 6). */
const GATEWAY_TOKEN = 'gateway-token-0123456789';
const METRICS_TOKEN = 'metrics-token-abcdefghij';

interface Scrape {
  status: number;
  wwwAuthenticate: string | null;
  /** The JSON body of a refusal, or whether the Prometheus text holds the gateway's own metrics. */
  body: unknown;
}

async function scrape(url: string, authorization?: string): Promise<Scrape> {
  const res = await fetch(url, { headers: authorization ? { authorization } : {} });
  const text = await res.text();
  const prometheus = (res.headers.get('content-type') ?? '').startsWith('text/plain');
  return {
    status: res.status,
    wwwAuthenticate: res.headers.get('www-authenticate'),
    body: prometheus ? { prometheus: text.includes('# TYPE graphql_errors_total counter') } : JSON.parse(text),
  };
}

const SERVED: Scrape = { status: 200, wwwAuthenticate: null, body: { prometheus: true } };
const metricsOf = (h: Harness): string => h.gateway.url.replace('/graphql', '/metrics');

describe('#14 item 6: /metrics is protected when GATEWAY_TOKENS is', () => {
  describe('GATEWAY_TOKENS set, neither METRICS_TOKEN nor METRICS_PORT', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ access: { gatewayTokens: [GATEWAY_TOKEN] } });
    });
    afterAll(() => h.stop());

    it('answers every scrape 401, a gateway token included, and says what to set', async () => {
      const closed: Scrape = {
        status: 401,
        wwwAuthenticate: 'Bearer realm="metrics"',
        body: { error: 'Metrics are closed while GATEWAY_TOKENS is set: set METRICS_TOKEN or METRICS_PORT to scrape them.' },
      };
      expect(await scrape(metricsOf(h))).toEqual(closed);
      expect(await scrape(metricsOf(h), `Bearer ${GATEWAY_TOKEN}`)).toEqual(closed);
      // GraphQL itself still answers the gateway token.
      expect(await h.query('{ __typename }', undefined, { authorization: `Bearer ${GATEWAY_TOKEN}` })).toEqual({ data: { __typename: 'Query' } });
    });
  });

  describe('METRICS_TOKEN', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ access: { gatewayTokens: [GATEWAY_TOKEN] }, metrics: { tokens: [METRICS_TOKEN] } });
    });
    afterAll(() => h.stop());

    it('serves a scrape that sends it, and refuses one without it or with another token', async () => {
      const refused: Scrape = { status: 401, wwwAuthenticate: 'Bearer realm="metrics"', body: { error: 'Metrics need `Authorization: Bearer <METRICS_TOKEN>`.' } };
      expect(await scrape(metricsOf(h))).toEqual(refused);
      expect(await scrape(metricsOf(h), `Bearer ${GATEWAY_TOKEN}`)).toEqual(refused);
      expect(await scrape(metricsOf(h), `Basic ${METRICS_TOKEN}`)).toEqual(refused);
      expect(await scrape(metricsOf(h), `Bearer ${METRICS_TOKEN}`)).toEqual(SERVED);
    });
  });

  describe('METRICS_PORT', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ access: { gatewayTokens: [GATEWAY_TOKEN] }, metrics: { port: 0 } });
    });
    afterAll(() => h.stop());

    it('serves metrics on a loopback listener of their own, and not on the GraphQL one', async () => {
      const url = h.gateway.metricsUrl ?? '';
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(url).not.toBe(metricsOf(h));
      expect(await scrape(url)).toEqual(SERVED);
      expect(await scrape(url.replace('/metrics', '/graphql'))).toEqual({ status: 404, wwwAuthenticate: null, body: { error: 'Not found. This listener serves /metrics only.' } });
      expect(await scrape(metricsOf(h), `Bearer ${GATEWAY_TOKEN}`)).toEqual({ status: 404, wwwAuthenticate: null, body: { error: 'Not found. GraphQL is at /graphql.' } });
    });
  });

  describe('neither GATEWAY_TOKENS nor a metrics setting', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness();
    });
    afterAll(() => h.stop());

    it('serves /metrics as before: the gateway is as open as its metrics', async () => {
      expect(await scrape(metricsOf(h))).toEqual(SERVED);
      expect(h.gateway.metricsUrl).toBeNull();
    });
  });
});
