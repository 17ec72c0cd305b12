import { AtlasApiError, AtlasAuthError, AtlasTransportError } from '../../src/atlas/errors';
import { scrubDetail, toGraphQLError } from '../../src/errors';

const shape = (error: unknown) => {
  const e = toGraphQLError(error);
  return { message: e.message, extensions: e.extensions };
};

describe('toGraphQLError: the one upstream-error mapping', () => {
  it.each([
    [400, 'BAD_USER_INPUT'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [410, 'NOT_FOUND'],
    [429, 'RATE_LIMITED'],
    [500, 'UPSTREAM_ERROR'],
    [502, 'UPSTREAM_UNAVAILABLE'],
    [503, 'UPSTREAM_UNAVAILABLE'],
    [504, 'UPSTREAM_TIMEOUT'],
  ])('HTTP %i is %s with extensions.atlas', (status, code) => {
    const e = toGraphQLError(new AtlasApiError(status, 'SOME_CODE', 'Some detail.'));
    expect(e.extensions).toEqual({ code, atlas: { status, errorCode: 'SOME_CODE', detail: 'Some detail.' } });
  });

  it('carries retryAfter from Retry-After', () => {
    expect(shape(new AtlasApiError(429, 'RATE_LIMITED', null, 12))).toEqual({
      message: 'Atlas rate-limited the request; try again later.',
      extensions: { code: 'RATE_LIMITED', atlas: { status: 429, errorCode: 'RATE_LIMITED', detail: null }, retryAfter: 12 },
    });
  });

  it.each([
    ['timeout', 'UPSTREAM_TIMEOUT'],
    ['aborted', 'UPSTREAM_TIMEOUT'],
    ['connect', 'UPSTREAM_UNAVAILABLE'],
    ['reset', 'UPSTREAM_UNAVAILABLE'],
    ['malformed', 'UPSTREAM_ERROR'],
    ['too_large', 'UPSTREAM_ERROR'],
  ] as const)('transport failure %s is %s', (failure, code) => {
    expect(toGraphQLError(new AtlasTransportError(failure, 'internal text', 200)).extensions).toEqual({
      code,
      atlas: { status: 200, errorCode: null, detail: null },
    });
  });

  it('auth failures are UNAUTHENTICATED', () => {
    expect(toGraphQLError(new AtlasAuthError('No token.', 401)).extensions.code).toBe('UNAUTHENTICATED');
  });

  it('anything else is INTERNAL_SERVER_ERROR with a fixed message (no internal text leaks)', () => {
    expect(shape(new Error('secret=hunter2 at /etc/passwd'))).toEqual({
      message: 'Internal server error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('scrubs URLs and key=value secrets from Atlas detail', () => {
    expect(scrubDetail('Download https://x.mongodb.net/a?sig=abc failed; token=abc123 nonce=zz')).toBe(
      'Download [url] failed; token=[redacted] nonce=[redacted]',
    );
  });
});
