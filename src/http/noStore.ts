import type { ApolloServerPlugin } from '@apollo/server';

/**
 * `Cache-Control: no-store` on every GraphQL response (unless something set the header already): what Apollo's
 * default cache-control plugin answers for this graph, which has no `@cacheControl` hints and a default max-age of 0.
 * NOTE: that plugin also runs a hook on every resolved field of every response (and makes Apollo wrap every resolver of
 * the schema) to compute a policy that here can only come out as "no-store"; the gateway disables it
 * (ApolloServerPluginCacheControlDisabled in src/server.ts) and sets the header once per response instead. A graph
 * that gains cache hints would turn the plugin back on and drop this one.
 */
export function noStorePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
