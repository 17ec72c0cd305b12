import { buildSchema, isEnumType } from 'graphql';
import { readSchemaSdl } from '../../src/schema';
import { RESTORE_DELIVERY_TYPES, RESTORE_JOB_STATUSES } from '../../src/restoreJobs/RestoreJobBaseModel';
import { RESTORE_JOB_KINDS } from '../../src/restoreJobs/RestoreJobKind';

/**
 * The domain declares the enums it needs (codegen maps the schema's enums onto those types); this holds the two
 * declarations to the same values, in both directions, so a value added to one side only fails here.
 */
describe('the schema enums and the domain enums name the same values', () => {
  const schema = buildSchema(readSchemaSdl().replace(/^extend schema[\s\S]*?\n\n/m, ''), { assumeValid: true, assumeValidSDL: true });
  const values = (name: string): string[] => {
    const type = schema.getType(name);
    if (!isEnumType(type)) throw new Error(`${name} is not an enum of the schema`);
    return type.getValues().map((v) => v.name).sort();
  };

  it.each([
    ['RestoreJobKind', RESTORE_JOB_KINDS],
    ['RestoreJobStatus', RESTORE_JOB_STATUSES],
    ['RestoreDeliveryType', RESTORE_DELIVERY_TYPES],
  ] as const)('%s', (name, domain) => {
    expect(values(name)).toEqual([...domain].sort());
  });
});
