import { DateTimeResolver, NonNegativeIntResolver, ObjectIDResolver, SafeIntResolver, URLResolver, UUIDResolver } from 'graphql-scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Cluster } from './Cluster';
import { Mutation } from './Mutation';
import { ClusterFailure, ProjectRestoreJobEdge } from './ProjectRestoreJobConnection';
import { Query } from './Query';
import { Node, RestoreJob } from './RestoreJob';
import { restoreJobTypes } from './restoreJobTypes';

/** Every resolver of schema.graphql. */
export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  ObjectID: ObjectIDResolver,
  URL: URLResolver,
  UUID: UUIDResolver,
  NonNegativeInt: NonNegativeIntResolver,
  SafeInt: SafeIntResolver,
  Query,
  Mutation,
  Cluster,
  ProjectRestoreJobEdge,
  ClusterFailure,
  Node,
  RestoreJob,
  ...restoreJobTypes,
};
