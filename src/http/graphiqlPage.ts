/**
 * The GraphiQL page: no inline script or style (the CSP allows neither), assets by relative URL so the page also
 * works behind a path-prefixing proxy. Scripts load in order: React, ReactDOM, GraphiQL's UMD bundle, then init.js.
 * `endpoint`, a URL relative to the page, is where it sends GraphQL (none: the page's own path).
 */
export function graphiqlHtml(assetPrefix: string, styles: readonly string[], scripts: readonly string[], endpoint?: string): string {
  const href = (name: string): string => `${assetPrefix}/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>atlas-restore-gateway: GraphiQL</title>
${styles.map((s) => `<link rel="stylesheet" href="${href(s)}">`).join('\n')}
</head>
<body>
<div id="graphiql"${endpoint === undefined ? '' : ` data-endpoint="${endpoint}"`}>Loading GraphiQL&hellip;</div>
${scripts.map((s) => `<script src="${href(s)}" defer></script>`).join('\n')}
</body>
</html>
`;
}

/** The page's own stylesheet: GraphiQL fills the window. */
export const GRAPHIQL_PAGE_CSS = `html, body { height: 100%; margin: 0; }
#graphiql { height: 100vh; }
`;

/**
 * Starts GraphiQL against the URL the page was served from, or the page's `data-endpoint` (relative to it: the
 * page at /graphiql sends to /graphql). `?query=` and `?variables=` prefill the editors, so a link can carry an
 * operation. The fetcher POSTs `content-type: application/json`, which satisfies CSRF prevention; subscriptions go over
 * graphql-ws to the same URL as ws:// (wss:// behind TLS). In passthrough mode put `{"Authorization": "Bearer ..."}` in
 * the Headers tab: GraphiQL sends those headers as the WebSocket's `connection_init` payload too.
 */
export const GRAPHIQL_INIT_JS = `(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var container = document.getElementById('graphiql');
  var target = new URL(container.getAttribute('data-endpoint') || window.location.pathname, window.location.href);
  var endpoint = target.origin + target.pathname;
  var props = {
    fetcher: GraphiQL.createFetcher({ url: endpoint, subscriptionUrl: endpoint.replace(/^http/, 'ws') }),
    defaultEditorToolsVisibility: true,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false
  };
  if (params.get('query')) props.query = params.get('query');
  if (params.get('variables')) props.variables = params.get('variables');
  container.textContent = '';
  ReactDOM.createRoot(container).render(React.createElement(GraphiQL, props));
})();
`;
