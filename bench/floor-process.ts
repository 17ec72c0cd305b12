import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { gql } from 'graphql-tag';
import { resolvers } from '../src/resolvers';
import { toLegacyBackupModel } from '../src/restoreJobs/legacyBackup/mapper';
import type { RestoreJobModel } from '../src/restoreJobs/RestoreJobModel';
import { readSchemaSdl } from '../src/schema';
import { DEMO } from '../src/simulator';
import { benchSeed } from './workload';

/**
 * Issue 17's floor: a bare Apollo Server 5 of the project's version (cache control off, no other plugin, no limits,
 * no context) serving this subgraph's schema and type resolvers, with `restoreJobs` answered from model objects held
 * in memory (big-cluster's legacy jobs, mapped once at start by the gateway's own mapper). It does what the gateway
 * does minus Atlas, mapping and the gateway's layers, so gateway ÷ floor is the share of Apollo's own cost the
 * gateway reaches. `node dist/bench/floor-process.js`; prints its URL as JSON.
 */
async function main(): Promise<void> {
  const project = benchSeed().projects.find((p) => p.id === DEMO.projectId)!;
  const cluster = project.clusters.find((c) => c.name === DEMO.bigCluster.name)!;
  const location = { kind: 'LEGACY_BACKUP' as const, projectId: DEMO.projectId, clusterName: cluster.name };
  const jobs = cluster.legacy!.map((wire) => toLegacyBackupModel(wire, location)).filter((job): job is NonNullable<typeof job> => job !== null) as RestoreJobModel[];
  const schema = buildSubgraphSchema({
    typeDefs: gql(readSchemaSdl()),
    resolvers: {
      ...(resolvers as Record<string, unknown>),
      Query: { restoreJobs: (_root: unknown, args: { first?: number | null }) => ({ nodes: jobs.slice(0, args.first ?? 20) }) },
    } as never,
  });
  const server = new ApolloServer({ schema, plugins: [ApolloServerPluginCacheControlDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  process.stdout.write(JSON.stringify({ url }) + '\n');
  process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

void main();
