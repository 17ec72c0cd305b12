/**
 * A URL as it may be printed: `user:password@` becomes `[credentials]@` and a query becomes `?[query]` (either may
 * carry a secret); scheme, host, port and path are kept. For the start line's MONGODB_ATLAS_BASE_URL (#14).
 */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '[not a URL]';
  }
  const credentials = url.username !== '' || url.password !== '' ? '[credentials]@' : '';
  const path = url.pathname === '/' ? '' : url.pathname;
  const query = url.search !== '' ? '?[query]' : '';
  return `${url.protocol}//${credentials}${url.host}${path}${query}`;
}
