import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import { GraphQLError, Source, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/** Apollo Server's gateway interface (its `gateway` option), the seam through which a compiled executor runs. */
type Gateway = NonNullable<ApolloServerOptions<BaseContext>['gateway']>;
type Executor = Awaited<ReturnType<Gateway['load']>>['executor'];

/**
 * How many compiled documents (per operation name) are kept: an LRU, so a client sending new queries cannot grow it.
 * A compiled document holds generated code (~0.4 MB for a 500-job page's; bench/README.md: 500 of them, from 900
 * distinct queries, took RSS from ~340 to 530 MB), so the bound is small: clients that matter send the same documents.
 */
export const JIT_MAX_DOCUMENTS = 100;
/** A compiled document, or what compiling it answered (graphql-jit's errors for an operation it cannot run). */
type Compiled = CompiledQuery | ExecutionResult;

/**
 * An Apollo Server "gateway" that serves `schema` itself, executing each operation with graphql-jit (compiled once per
 * document and operation name, kept in a bounded LRU). Apollo still parses, validates (the limits' rules included),
 * runs every plugin hook up to execution and formats errors; only execution changes. What stays graphql-js's:
 * variable coercion (its messages are the ones Apollo turns into BAD_USER_INPUT), and the errors' shape (each error
 * is rebuilt as a graphql-js GraphQLError with the same message, locations, path, originalError and extensions that
 * graphql-js's `locatedError` gives). NOTE: Apollo's field-level hooks (`willResolveField`, inline tracing for a
 * router's `ftv1` header) work by wrapping the schema's resolvers, which graphql-jit calls too; no test covers them
 * under this executor, and no plugin of this gateway uses them.
 */
export function jitGateway(schema: GraphQLSchema, maxDocuments = JIT_MAX_DOCUMENTS): Gateway & { compiledDocuments(): number } {
  const compiled = new LRUCache<string, Compiled>({ max: maxDocuments });
  const executor: Executor = async (requestContext) => {
    const { document, operation, operationName, request, queryHash } = requestContext;
    const key = `${queryHash}\n${operationName ?? ''}`;
    let entry = compiled.get(key);
    if (!entry) {
      entry = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
      compiled.set(key, entry);
    }
    if (!isCompiledQuery(entry)) return entry;
    const variables = request.variables ?? {};
    if (operation.variableDefinitions?.length) {
      const coerced = getVariableValues(schema, operation.variableDefinitions, variables, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
    }
    const result = await entry.query(undefined, requestContext.context, variables);
    return result.errors ? { ...result, errors: result.errors.map((error) => asGraphQLJsError(error, document)) } : result;
  };
  return {
    load: async () => ({ executor }),
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    stop: async () => {
      compiled.clear();
    },
    compiledDocuments: () => compiled.size,
  };
}

/** The error graphql-js's execution would have given: a GraphQLError with positions in the document's source. */
function asGraphQLJsError(error: GraphQLError, document: DocumentNode): GraphQLError {
  const original = error.originalError;
  // A resolver's error that already carries a path is passed through as is (graphql-js's locatedError does the same).
  if (original instanceof GraphQLError && original.path) return original;
  const source = document.loc?.source;
  const positions = source && error.locations ? error.locations.map((l) => position(source, l.line, l.column)) : undefined;
  return new GraphQLError(error.message, {
    source: positions ? source : undefined,
    positions,
    path: error.path,
    // Its extensions are the original error's, as graphql-js's constructor takes them.
    originalError: original ?? undefined,
  });
}

const lineStarts = new WeakMap<Source, number[]>();

/** The offset of a 1-based line and column in `source` (graphql-js's getLocation, inverted). */
function position(source: Source, line: number, column: number): number {
  let starts = lineStarts.get(source);
  if (!starts) {
    starts = [0];
    const lineBreak = /\r\n|[\n\r]/g;
    for (let m = lineBreak.exec(source.body); m; m = lineBreak.exec(source.body)) starts.push(m.index + m[0].length);
    lineStarts.set(source, starts);
  }
  return (starts[line - 1] ?? 0) + column - 1;
}
