import { redactUrl } from '../../src/observability/redactUrl';

describe('#14 item 12: redactUrl (the start line\'s MONGODB_ATLAS_BASE_URL)', () => {
  it.each([
    ['https://cloud.mongodb.com', 'https://cloud.mongodb.com'],
    ['https://cloud.mongodb.com/', 'https://cloud.mongodb.com'],
    ['http://127.0.0.1:8443/atlas', 'http://127.0.0.1:8443/atlas'],
    ['https://user:p%40ss@proxy.example.com:8080/', 'https://[credentials]@proxy.example.com:8080'],
    ['https://user-only@proxy.example.com', 'https://[credentials]@proxy.example.com'],
    ['https://:secret@proxy.example.com', 'https://[credentials]@proxy.example.com'],
    ['https://proxy.example.com/x?apiKey=k-1#frag', 'https://proxy.example.com/x?[query]'],
    ['not a url', '[not a URL]'],
  ])('%s -> %s', (raw, printed) => {
    expect(redactUrl(raw)).toBe(printed);
  });
});
