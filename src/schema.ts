import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';
import { resolvers } from './resolvers';
import { guardEntities } from './resolvers/entitiesGuard';

/**
 * The path of schema.graphql, found from this module's own location (src/ under ts, dist/src/ when built), never
 * from the working directory.
 */
export function schemaPath(): string {
  for (let dir = __dirname, i = 0; i < 4; i += 1, dir = dirname(dir)) {
    const candidate = join(dir, 'schema.graphql');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('schema.graphql not found above ' + __dirname);
}

/** The subgraph SDL as written. */
export function readSchemaSdl(): string {
  return readFileSync(schemaPath(), 'utf8');
}

/** The executable federation subgraph schema: schema.graphql with the resolvers of src/resolvers. */
export function buildSchema(): GraphQLSchema {
  return guardEntities(buildSubgraphSchema({ typeDefs: gql(readSchemaSdl()), resolvers: resolvers as never }));
}
