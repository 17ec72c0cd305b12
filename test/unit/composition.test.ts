import { composeServices, type CompositionResult } from '@apollo/composition';
import { Kind, parse, print, visit, type DirectiveNode } from 'graphql';
import { gql } from 'graphql-tag';
import { readSchemaSdl } from '../../src/schema';
import { RESTORE_JOB_KINDS } from '../../src/restoreJobs/RestoreJobKind';
import { AUDIT_SDL } from '../support/auditSubgraph';
import { inventorySdl } from '../support/inventorySubgraph';
import { KIND_FACTS } from '../support/kinds';

/** `@join__type`/`@join__implements` of a supergraph type, printed. */
function joinDirectives(supergraphSdl: string, typeName: string): string[] {
  const definition = parse(supergraphSdl).definitions.find(
    (d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) && d.name.value === typeName,
  );
  const directives: readonly DirectiveNode[] = definition && 'directives' in definition ? (definition.directives ?? []) : [];
  return directives.filter((d) => d.name.value.startsWith('join__')).map((d) => print(d));
}

/** A composition's whole outcome: its error messages (undefined when none) and its hints as `CODE: message`. */
function outcome(result: CompositionResult): { errors: string[] | undefined; hints: string[] } {
  return { errors: result.errors?.map((e) => e.message), hints: (result.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`) };
}

/** schema.graphql without any `@shareable`, and the types that had it: the subgraph as it was before it shared them. */
function withoutShareable(sdl: string): { sdl: string; strippedFrom: string[] } {
  const strippedFrom: string[] = [];
  const document = visit(parse(sdl), {
    ObjectTypeDefinition(node) {
      const directives = node.directives?.filter((d) => d.name.value !== 'shareable');
      if (directives?.length === node.directives?.length) return undefined;
      strippedFrom.push(node.name.value);
      return { ...node, directives };
    },
    FieldDefinition(node) {
      if (node.directives?.some((d) => d.name.value === 'shareable')) throw new Error(`field-level @shareable on ${node.name.value}: strip it too`);
      return undefined;
    },
  });
  return { sdl: print(document), strippedFrom };
}

const RESTORE_JOBS = { name: 'restore-jobs', url: 'http://127.0.0.1:4000/graphql', typeDefs: gql(readSchemaSdl()) };
const inventory = (link: 'nullable' | 'non-null' = 'nullable') => ({ name: 'inventory', url: 'http://127.0.0.1:4002/graphql', typeDefs: gql(inventorySdl(link)) });

describe('composition with @apollo/composition', () => {
  const result = composeServices([
    RESTORE_JOBS,
    { name: 'audit', url: 'http://127.0.0.1:4001/graphql', typeDefs: gql(AUDIT_SDL) },
  ]);

  it('composes schema.graphql with an @interfaceObject subgraph, with no error and no hint', () => {
    expect({ errors: result.errors?.map((e) => e.message), hints: (result.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`) }).toEqual({
      errors: undefined,
      hints: [],
    });
  });

  it('keys RestoreJob and each job type by id; the audit subgraph joins RestoreJob as an interface object', () => {
    const sdl = result.supergraphSdl!;
    expect(joinDirectives(sdl, 'RestoreJob')).toEqual([
      '@join__implements(graph: RESTORE_JOBS, interface: "Node")',
      '@join__type(graph: AUDIT, key: "id", isInterfaceObject: true)',
      '@join__type(graph: RESTORE_JOBS, key: "id")',
    ]);
    for (const type of RESTORE_JOB_KINDS.map((kind) => KIND_FACTS[kind].typeName)) {
      expect([type, joinDirectives(sdl, type)]).toEqual([
        type,
        [
          '@join__implements(graph: RESTORE_JOBS, interface: "RestoreJob")',
          '@join__implements(graph: RESTORE_JOBS, interface: "Node")',
          '@join__type(graph: RESTORE_JOBS, key: "id")',
        ],
      ]);
    }
    expect(joinDirectives(sdl, 'Query')).toEqual(['@join__type(graph: AUDIT)', '@join__type(graph: RESTORE_JOBS)']);
  });

  it("carries this subgraph's Mutation into the supergraph: every start and cancel, joined to this graph only", () => {
    const sdl = result.supergraphSdl!;
    const mutation = parse(sdl).definitions.find((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation');
    const fields = mutation && mutation.kind === Kind.OBJECT_TYPE_DEFINITION ? (mutation.fields ?? []).map((f) => `${f.name.value}: ${print(f.type)}`) : null;
    expect({ join: joinDirectives(sdl, 'Mutation'), fields }).toEqual({
      join: ['@join__type(graph: RESTORE_JOBS)'],
      fields: [
        'startAutomatedRestore: StartAutomatedRestorePayload',
        'startDownloadRestore: StartDownloadRestorePayload',
        'startPointInTimeRestore: StartPointInTimeRestorePayload',
        'cancelRestoreJob: CancelRestoreJobPayload',
      ],
    });
  });

  it("carries the project view into the supergraph: clusters, snapshots and projectRestoreJobs on Query, the new Cluster fields, from this graph", () => {
    const document = parse(result.supergraphSdl!);
    const fieldsOf = (name: string) => {
      const type = document.definitions.find((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === name);
      return type && type.kind === Kind.OBJECT_TYPE_DEFINITION ? Object.fromEntries((type.fields ?? []).map((f) => [f.name.value, print(f.type)])) : {};
    };
    const query = fieldsOf('Query');
    const cluster = fieldsOf('Cluster');
    expect({
      query: { clusters: query.clusters, snapshots: query.snapshots, projectRestoreJobs: query.projectRestoreJobs },
      cluster: ['stateName', 'mongoDBVersion', 'paused', 'pitEnabled', 'createdAt', 'snapshots', 'restoreJobs'].map((f) => [f, cluster[f] ?? null]),
      joins: ['ClusterConnection', 'SnapshotConnection', 'BackupSnapshot', 'ProjectRestoreJobConnection', 'ClusterFailure'].map((t) => [t, joinDirectives(result.supergraphSdl!, t)]),
    }).toEqual({
      query: { clusters: 'ClusterConnection', snapshots: 'SnapshotConnection', projectRestoreJobs: 'ProjectRestoreJobConnection' },
      cluster: [
        ['stateName', 'String'],
        ['mongoDBVersion', 'String'],
        ['paused', 'Boolean'],
        ['pitEnabled', 'Boolean'],
        ['createdAt', 'DateTime'],
        ['snapshots', 'SnapshotConnection'],
        ['restoreJobs', 'RestoreJobConnection'],
      ],
      joins: [
        ['ClusterConnection', ['@join__type(graph: RESTORE_JOBS)']],
        ['SnapshotConnection', ['@join__type(graph: RESTORE_JOBS)']],
        ['BackupSnapshot', ['@join__implements(graph: RESTORE_JOBS, interface: "Node")', '@join__type(graph: RESTORE_JOBS)']],
        ['ProjectRestoreJobConnection', ['@join__type(graph: RESTORE_JOBS)']],
        ['ClusterFailure', ['@join__type(graph: RESTORE_JOBS)']],
      ],
    });
  });

  it('keeps the restore-jobs descriptions in the supergraph', () => {
    const restoreJob = parse(result.supergraphSdl!).definitions.find((d) => d.kind === Kind.INTERFACE_TYPE_DEFINITION && d.name.value === 'RestoreJob');
    expect(restoreJob && 'description' in restoreJob ? restoreJob.description?.value : null).toBe(
      'One Atlas backup restore job, whichever API holds it. Kind-specific details are on the implementing types.',
    );
  });
});

describe('composition beside a Relay subgraph with its own PageInfo, Link and Cluster', () => {
  const audit = { name: 'audit', url: 'http://127.0.0.1:4001/graphql', typeDefs: gql(AUDIT_SDL) };

  it('shares exactly PageInfo and Link (the generic value types), both whole types', () => {
    expect(withoutShareable(readSchemaSdl()).strippedFrom.sort()).toEqual(['Link', 'PageInfo']);
  });

  it('composes beside the inventory subgraph (and the audit one, as the supergraph test runs them), with no error and no hint', () => {
    expect(outcome(composeServices([RESTORE_JOBS, inventory()]))).toEqual({ errors: undefined, hints: [] });
    expect(outcome(composeServices([RESTORE_JOBS, audit, inventory()]))).toEqual({ errors: undefined, hints: [] });
  });

  it("beside a Link whose fields are non-null there, composes with two hints: the supergraph keeps this subgraph's nullable String", () => {
    expect(outcome(composeServices([RESTORE_JOBS, inventory('non-null')]))).toEqual({
      errors: undefined,
      // Accepted: Atlas may leave out `href` or `rel`, so this subgraph's Link fields are nullable; composition takes
      // the most general type for the supergraph (String), which the other subgraph's String! is a subtype of. Clients
      // see nullable fields, and neither subgraph sends anything its own schema does not allow.
      hints: [
        'INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE: Type of field "Link.href" is inconsistent but compatible across subgraphs: will use type "String" (from subgraph "restore-jobs") in supergraph but "Link.href" has subtype "String!" in subgraph "inventory".',
        'INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE: Type of field "Link.rel" is inconsistent but compatible across subgraphs: will use type "String" (from subgraph "restore-jobs") in supergraph but "Link.rel" has subtype "String!" in subgraph "inventory".',
      ],
    });
  });

  it('fails without @shareable: every PageInfo and Link field is resolved from two subgraphs (the bug of issue #19)', () => {
    const before = { ...RESTORE_JOBS, typeDefs: gql(withoutShareable(readSchemaSdl()).sdl) };
    const nonShareable = (field: string) =>
      `Non-shareable field "${field}" is resolved from multiple subgraphs: it is resolved from subgraphs "inventory" and "restore-jobs" and defined as non-shareable in subgraph "restore-jobs"`;
    const result = outcome(composeServices([before, inventory()]));
    expect({ ...result, errors: result.errors?.slice().sort() }).toEqual({
      errors: ['Link.href', 'Link.rel', 'PageInfo.endCursor', 'PageInfo.hasNextPage', 'PageInfo.hasPreviousPage', 'PageInfo.startCursor'].map(nonShareable),
      hints: [],
    });
  });

  it('joins Cluster as an entity of both subgraphs by `projectId name`; restoreJobs is this subgraph\'s, owner the inventory\'s', () => {
    const sdl = composeServices([RESTORE_JOBS, inventory()]).supergraphSdl!;
    const cluster = parse(sdl).definitions.find((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Cluster');
    const fields = cluster && cluster.kind === Kind.OBJECT_TYPE_DEFINITION ? (cluster.fields ?? []) : [];
    const joinsOf = (name: string) =>
      (fields.find((f) => f.name.value === name)?.directives ?? []).filter((d) => d.name.value.startsWith('join__')).map((d) => print(d));
    expect({
      type: joinDirectives(sdl, 'Cluster'),
      projectId: joinsOf('projectId'),
      owner: joinsOf('owner'),
      restoreJobs: joinsOf('restoreJobs'),
      pageInfo: joinDirectives(sdl, 'PageInfo'),
    }).toEqual({
      type: ['@join__type(graph: INVENTORY, key: "projectId name")', '@join__type(graph: RESTORE_JOBS, key: "projectId name")'],
      // A key field: both subgraphs resolve it (no @join__field means every subgraph that defines the type).
      projectId: [],
      owner: ['@join__field(graph: INVENTORY)'],
      restoreJobs: ['@join__field(graph: RESTORE_JOBS)'],
      pageInfo: ['@join__type(graph: INVENTORY)', '@join__type(graph: RESTORE_JOBS)'],
    });
  });

  it('known limit: fails beside a subgraph with its own root `node` field (node and nodes resolve only this graph\'s ids)', () => {
    const relay = `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      interface Node { id: ID! }
      type Team implements Node @key(fields: "id") { id: ID! name: String }
      type Query { node(id: ID!): Node }
    `;
    expect(outcome(composeServices([RESTORE_JOBS, { name: 'teams', url: 'http://127.0.0.1:4003/graphql', typeDefs: gql(relay) }]))).toEqual({
      errors: [
        'Non-shareable field "Query.node" is resolved from multiple subgraphs: it is resolved from subgraphs "restore-jobs" and "teams" and defined as non-shareable in all of them',
      ],
      hints: [],
    });
  });
});
