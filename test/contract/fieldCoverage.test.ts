import { getNamedType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { buildSchema } from '../../src/schema';
import { DERIVED_FIELDS, SPEC_FIELD_MAP } from './specFieldMap';
import { RESTORE_JOB_KINDS } from '../../src/restoreJobs/RestoreJobKind';
import { KIND_FACTS } from '../support/kinds';
import { JOB_SCHEMA_OF, loadContract, responsePropertyPaths } from './specSchemas';

/**
 * No response property of the contract is dropped silently: every property of every kind's job schema (nested objects
 * included, writeOnly ones excluded; Cloud Backup's from atlas/successors.openapi.yaml) has an entry in SPEC_FIELD_MAP
 * naming GraphQL fields that exist; and every field of every job type is fed by some property or listed in
 * DERIVED_FIELDS.
 */

const schema = buildSchema();

/** Whether `Type.field.nested` names a field path of the schema. */
function fieldExists(s: GraphQLSchema, path: string): boolean {
  const [typeName, ...fields] = path.split('.');
  let type = s.getType(typeName!);
  for (const field of fields) {
    if (!type || !(isObjectType(type) || isInterfaceType(type))) return false;
    const def = type.getFields()[field];
    if (!def) return false;
    type = getNamedType(def.type);
  }
  return fields.length > 0;
}

/** Every field path of a GraphQL type, nested object fields included. */
function fieldPaths(s: GraphQLSchema, typeName: string, depth = 4): string[] {
  const type = s.getType(typeName);
  if (!type || !isObjectType(type) || depth === 0) return [];
  return Object.values(type.getFields()).flatMap((field) => {
    const named = getNamedType(field.type);
    const nested = isObjectType(named) ? fieldPaths(s, named.name, depth - 1).map((p) => `${field.name}.${p.split('.').slice(1).join('.')}`) : [];
    return [`${typeName}.${field.name}`, ...nested.map((p) => `${typeName}.${p}`)];
  });
}

const specPaths = RESTORE_JOB_KINDS.flatMap((kind) => {
  const { specPath, schema: name } = JOB_SCHEMA_OF[kind];
  const contract = loadContract({ specPath });
  return responsePropertyPaths(contract, name, contract.responseView(name));
});
const JOB_TYPES = RESTORE_JOB_KINDS.map((kind) => KIND_FACTS[kind].typeName);

describe('field coverage: the contract against the graph', () => {
  it('walks every response property of every kind\'s job schema, nested ones included, writeOnly ones not', () => {
    expect({
      count: specPaths.length,
      nested: [
        'BackupRestoreJob.delivery.urlV2',
        'BackupRestoreJob.hashes.links.href',
        'BackupRestoreJob.timestamp.increment',
        'ServerlessBackupRestoreJob.desiredTimestamp.date',
        'DiskBackupSnapshotRestoreJob.components.privateDownloadDeliveryUrls.endpointId',
      ].map((p) => specPaths.includes(p)),
      writeOnly: ['BackupRestoreJob.checkpointId', 'BackupRestoreJob.oplogTs', 'BackupRestoreJob.pointInTimeUTCMillis'].map((p) => specPaths.includes(p)),
    }).toEqual({ count: Object.keys(SPEC_FIELD_MAP).length, nested: [true, true, true, true, true], writeOnly: [false, false, false] });
  });

  it('maps every spec property to GraphQL fields that exist, and names no property the spec lacks', () => {
    const targets = Object.entries(SPEC_FIELD_MAP).flatMap(([from, to]) => (typeof to === 'string' ? [to] : to).map((field) => [from, field] as const));
    expect({
      unmapped: specPaths.filter((p) => !(p in SPEC_FIELD_MAP)),
      stale: Object.keys(SPEC_FIELD_MAP).filter((p) => !specPaths.includes(p)),
      missingFields: targets.filter(([, field]) => !fieldExists(schema, field)).map(([from, field]) => `${from} -> ${field}`),
    }).toEqual({ unmapped: [], stale: [], missingFields: [] });
  });

  it('feeds every field of every job type from the spec, or lists it as derived', () => {
    const fed = new Set(Object.values(SPEC_FIELD_MAP).flatMap((to) => (typeof to === 'string' ? [to] : [...to])));
    const fields = JOB_TYPES.flatMap((t) => fieldPaths(schema, t));
    expect({
      unfed: fields.filter((f) => !fed.has(f) && !(f in DERIVED_FIELDS)),
      staleDerived: Object.keys(DERIVED_FIELDS).filter((f) => !fieldExists(schema, f) || fed.has(f)),
    }).toEqual({ unfed: [], staleDerived: [] });
  });

  it('the checks can fail: a new spec property, a renamed field', () => {
    const grown = [...specPaths, 'FlexBackupRestoreJob20241113.newField'];
    expect({
      unmapped: grown.filter((p) => !(p in SPEC_FIELD_MAP)),
      renamed: fieldExists(schema, 'LegacyBackupRestoreJob.delivery.urlV3'),
      kept: fieldExists(schema, 'LegacyBackupRestoreJob.delivery.urlV2'),
    }).toEqual({ unmapped: ['FlexBackupRestoreJob20241113.newField'], renamed: false, kept: true });
  });
});
