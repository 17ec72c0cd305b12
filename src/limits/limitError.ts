import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';

/** Which limit an error is about (`extensions.limit`). */
export type LimitName = 'depth' | 'aliases' | 'rootFields' | 'tokens' | 'directives' | 'fieldCost' | 'cost' | 'bodyBytes';

/** A QUERY_TOO_COMPLEX error naming the limit and its maximum; HTTP 400. */
export function queryTooComplex(limit: LimitName, max: number, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, max, http: { status: 400, headers: new HeaderMap() } },
  });
}
