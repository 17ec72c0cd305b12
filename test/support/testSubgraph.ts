import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { GraphQLSchema } from 'graphql';

/** A running test subgraph beside the gateway's. */
export interface TestSubgraph {
  url: string;
  /** The `_entities` representations it was asked for, one array per request. */
  entityBatches: unknown[][];
  stop(): Promise<void>;
}

/** Serves a subgraph schema on a loopback ephemeral port, silent, recording every `_entities` batch it is asked for. */
export async function startTestSubgraph(schema: GraphQLSchema): Promise<TestSubgraph> {
  const entityBatches: unknown[][] = [];
  const server = new ApolloServer({
    schema,
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    plugins: [
      {
        async requestDidStart({ request }) {
          const representations = request.variables?.representations;
          if (Array.isArray(representations)) entityBatches.push(representations);
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, entityBatches, stop: () => server.stop() };
}
