import { DateTimeResolver, NonNegativeIntResolver, ObjectIDResolver, URLResolver, UUIDResolver } from 'graphql-scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Cluster } from './Cluster';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Node, RestoreJob } from './RestoreJob';
import { restoreJobTypes } from './restoreJobTypes';
import { RestoreJobUpdate, Subscription } from './Subscription';

/** Every resolver of schema.graphql. */
export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  ObjectID: ObjectIDResolver,
  URL: URLResolver,
  UUID: UUIDResolver,
  NonNegativeInt: NonNegativeIntResolver,
  Query,
  Mutation,
  Subscription,
  RestoreJobUpdate,
  Cluster,
  Node,
  RestoreJob,
  ...restoreJobTypes,
};
