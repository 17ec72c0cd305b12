import { prefersHtml } from '../../src/http/explorer';

describe('prefersHtml (the landing-page negotiation Apollo Server does)', () => {
  it.each([
    ['text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7', true],
    ['text/html', true],
    ['text/*', true],
    ['text/html, */*', true],
    ['*/*, text/html', true],
    ['application/json;q=0.5, text/html', true],
    ['*/*', false],
    ['application/json', false],
    ['application/graphql-response+json, application/json;q=0.9', false],
    ['text/html;q=0.5, application/json', false],
    ['text/html;q=0', false],
    ['text/html;q=0.8, */*;q=0.8', true],
    ['text/*;q=0.8, */*;q=0.8', true],
    ['image/webp', false],
    ['', false],
  ])('%j -> %s', (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });

  it('is false without an Accept header', () => {
    expect(prefersHtml(undefined)).toBe(false);
  });
});
