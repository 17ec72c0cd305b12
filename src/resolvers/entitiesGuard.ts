import { isInterfaceType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { badUserInput } from '../errors';

/**
 * Makes `_entities` refuse a representation that is not an object with the `__typename` of an entity type, as
 * BAD_USER_INPUT. NOTE: @apollo/subgraph's resolver throws a plain Error for those (or a TypeError for `null`), which
 * reaches callers as INTERNAL_SERVER_ERROR; a router never sends them, but anyone can call the subgraph directly.
 */
export function guardEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (!field || !resolve) return schema;
  const guarded: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
    const representations: unknown = (args as { representations?: unknown }).representations;
    for (const [index, rep] of (Array.isArray(representations) ? representations : []).entries()) {
      const typename = rep && typeof rep === 'object' && !Array.isArray(rep) ? (rep as { __typename?: unknown }).__typename : undefined;
      const type = typeof typename === 'string' ? schema.getType(typename) : undefined;
      if (!type || !(isObjectType(type) || isInterfaceType(type))) {
        throw badUserInput(`representations[${index}] needs the \`__typename\` of an entity type of this graph.`, 'representations');
      }
    }
    return resolve(source, args, context, info);
  };
  field.resolve = guarded;
  return schema;
}
