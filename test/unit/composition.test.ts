import { composeServices } from '@apollo/composition';
import { Kind, parse, print, type DirectiveNode } from 'graphql';
import { gql } from 'graphql-tag';
import { readSchemaSdl } from '../../src/schema';
import { RESTORE_JOB_KINDS } from '../../src/restoreJobs/RestoreJobKind';
import { AUDIT_SDL } from '../support/auditSubgraph';
import { KIND_FACTS } from '../support/kinds';

/** `@join__type`/`@join__implements` of a supergraph type, printed. */
function joinDirectives(supergraphSdl: string, typeName: string): string[] {
  const definition = parse(supergraphSdl).definitions.find(
    (d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) && d.name.value === typeName,
  );
  const directives: readonly DirectiveNode[] = definition && 'directives' in definition ? (definition.directives ?? []) : [];
  return directives.filter((d) => d.name.value.startsWith('join__')).map((d) => print(d));
}

describe('composition with @apollo/composition', () => {
  const result = composeServices([
    { name: 'restore-jobs', url: 'http://127.0.0.1:4000/graphql', typeDefs: gql(readSchemaSdl()) },
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

  it('keeps the restore-jobs descriptions in the supergraph', () => {
    const restoreJob = parse(result.supergraphSdl!).definitions.find((d) => d.kind === Kind.INTERFACE_TYPE_DEFINITION && d.name.value === 'RestoreJob');
    expect(restoreJob && 'description' in restoreJob ? restoreJob.description?.value : null).toBe(
      'One Atlas backup restore job, whichever API holds it. Kind-specific details are on the implementing types.',
    );
  });
});
