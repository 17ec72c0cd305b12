import { loadContract, loadSpec, SNAPSHOTS_SPEC_PATH, SPEC_ADJUSTMENTS, SUCCESSORS_SPEC_PATH, type SchemaObject } from './specSchemas';

/**
 * Each adjustment of test/contract/specSchemas.ts is still needed (these fail once the spec fixes the quirk), and the
 * validators refuse what they must.
 */

const strict = loadContract({ strict: true });
const loose = loadContract();
const schemas = loadSpec().components.schemas;
const props = (name: string): Record<string, SchemaObject> => schemas[name]!.properties as Record<string, SchemaObject>;
const writeOnly = (name: string): string[] =>
  Object.entries(props(name))
    .filter(([, s]) => s.writeOnly === true)
    .map(([p]) => p);
const delivery = { methodName: 'HTTP' };

describe('spec quirks, adjusted in one place', () => {
  it('writeOnly request fields are not part of a response view, and strict validation refuses them', () => {
    expect({
      legacy: writeOnly('BackupRestoreJob'),
      tenant: writeOnly('TenantRestore'),
      flex: writeOnly('FlexBackupRestoreJob20241113'),
      serverless: writeOnly('ServerlessBackupRestoreJob'),
      view: Object.keys(strict.responseView('BackupRestoreJob').properties as object).filter((p) => writeOnly('BackupRestoreJob').includes(p)),
      refused: strict.validate('BackupRestoreJob', { delivery, checkpointId: '0123456789abcdef01234567', oplogInc: 1 }),
    }).toEqual({
      legacy: ['checkpointId', 'oplogInc', 'oplogTs', 'pointInTimeUTCMillis'],
      tenant: [],
      flex: [],
      serverless: [],
      view: [],
      refused: ['/ must NOT have additional properties (checkpointId)', '/ must NOT have additional properties (oplogInc)'],
    });
  });

  it("TenantRestore's required list is the create request's: its response twin requires nothing", () => {
    expect({
      tenantRequired: schemas.TenantRestore!.required,
      createRequired: schemas.FlexBackupRestoreJobCreate20241113!.required,
      twinRequired: schemas.FlexBackupRestoreJob20241113!.required,
      adjusted: SPEC_ADJUSTMENTS.requestOnlyRequired,
      minimalBody: strict.validate('TenantRestore', { id: '0123456789abcdef01234567' }),
    }).toEqual({
      tenantRequired: ['snapshotId', 'targetDeploymentItemName'],
      createRequired: ['snapshotId', 'targetDeploymentItemName'],
      twinRequired: undefined,
      adjusted: { TenantRestore: ['snapshotId', 'targetDeploymentItemName'] },
      minimalBody: [],
    });
  });

  it("BackupRestoreJob.oplogTs's pattern is double-escaped: as written it refuses every timestamp; halved, it works", () => {
    const raw = props('BackupRestoreJob').oplogTs!.pattern as string;
    const halved = raw.replace(/\\\\/g, '\\');
    const ts = '2025-05-04T09:42:00Z';
    expect({ raw: new RegExp(raw, 'u').test(ts), halved: new RegExp(halved, 'u').test(ts), rejects: new RegExp(halved, 'u').test('2025-02-30T09:42:00Z') }).toEqual({
      raw: false,
      halved: true,
      rejects: false,
    });
  });

  it("BackupSnapshotPart.machineId's pattern escapes `:` needlessly: Unicode mode refuses it as written; without the backslash it works", () => {
    const spec = loadSpec(SNAPSHOTS_SPEC_PATH).components.schemas;
    const raw = (spec.BackupSnapshotPart!.properties as Record<string, SchemaObject>).machineId!.pattern as string;
    const compiles = (source: string): boolean => {
      try {
        new RegExp(source, 'u');
        return true;
      } catch {
        return false;
      }
    };
    const snapshots = loadContract({ specPath: SNAPSHOTS_SPEC_PATH, strict: true });
    expect({
      adjusted: SPEC_ADJUSTMENTS.needlessEscapes,
      raw: compiles(raw),
      fixed: compiles(raw.replace(/\\:/g, ':')),
      host: snapshots.validate('BackupSnapshotPart', { machineId: 'cluster0-shard-00-01.abcde.mongodb.net:27017' }),
      refused: snapshots.validate('BackupSnapshotPart', { machineId: 'no port' }).length > 0,
    }).toEqual({ adjusted: [['BackupSnapshotPart', 'machineId']], raw: false, fixed: true, host: [], refused: true });
  });

  it('HardwareSpec20240805 is a oneOf of provider specs that overlap: as written a plain M10 matches several; read as anyOf, strict views still refuse strangers', () => {
    const spec = loadSpec(SUCCESSORS_SPEC_PATH).components.schemas;
    const alternatives = (spec.HardwareSpec20240805!.oneOf as { $ref: string }[]).map((r) => r.$ref.split('/').at(-1)!);
    const successors = loadContract({ specPath: SUCCESSORS_SPEC_PATH, strict: true });
    const acceptsM10 = alternatives.filter((name) => successors.validate(name, { instanceSize: 'M10' }).length === 0);
    expect({
      adjusted: SPEC_ADJUSTMENTS.overlappingOneOf,
      acceptsM10,
      plain: successors.validate('HardwareSpec20240805', { instanceSize: 'M10', nodeCount: 3, diskSizeGB: 10 }),
      tenant: successors.validate('HardwareSpec20240805', { instanceSize: 'M0', effectiveInstanceSize: 'M0' }),
      stranger: successors.validate('HardwareSpec20240805', { instanceSize: 'M10', colour: 'blue' }).length > 0,
    }).toEqual({
      adjusted: ['HardwareSpec20240805'],
      acceptsM10: ['AWSHardwareSpec20240805', 'AzureHardwareSpec20240805', 'GCPHardwareSpec20240805'],
      plain: [],
      tenant: [],
      stranger: true,
    });
  });

  it('targetDeploymentItemName patterns use \\p{L}/\\p{N}: right only in Unicode mode, which ajv uses', () => {
    const pattern = props('FlexBackupRestoreJob20241113').targetDeploymentItemName!.pattern as string;
    expect({
      unicode: [new RegExp(pattern, 'u').test('Ωmega-1'), new RegExp(pattern, 'u').test('{pL}')],
      // Without the u flag `\p{L}` is the characters p, {, L, }: the reading of tools that ignore Unicode (Prism's
      // generator among them, see prism.test.ts).
      legacyMode: [new RegExp(pattern).test('Ωmega-1'), new RegExp(pattern).test('{pL}')],
      ajv: [
        strict.validate('FlexBackupRestoreJob20241113', { targetDeploymentItemName: 'Ωmega-1' }),
        strict.validate('FlexBackupRestoreJob20241113', { targetDeploymentItemName: '{pL}' }),
      ],
    }).toEqual({
      unicode: [true, false],
      legacyMode: [false, true],
      ajv: [[], [`/targetDeploymentItemName must match pattern "${pattern}"`]],
    });
  });

  it('the stale shared-tier fields are the only documented extension: allowed (as date-times) on TenantRestore alone', () => {
    const stale = { submittedAt: '2019-05-01T15:02:25Z', finishedDate: '2019-05-01T15:02:25Z', timestamp: '2019-05-01T14:33:19Z' };
    expect({
      tenant: strict.validate('TenantRestore', stale),
      badDate: strict.validate('TenantRestore', { submittedAt: 'yesterday' }),
      flex: strict.validate('FlexBackupRestoreJob20241113', stale),
      inSpec: Object.keys(stale).filter((p) => p in props('TenantRestore')),
    }).toEqual({
      tenant: [],
      badDate: ['/submittedAt must match format "date-time"'],
      flex: [
        '/ must NOT have additional properties (submittedAt)',
        '/ must NOT have additional properties (finishedDate)',
        '/ must NOT have additional properties (timestamp)',
      ],
      inSpec: [],
    });
  });

  it('is not adjusted: ApiBSONTimestampView.increment keeps its epoch-like minimum of 1199145600', () => {
    expect([strict.validate('ApiBSONTimestampView', { increment: 1 }), strict.validate('ApiBSONTimestampView', { increment: 1_199_145_600 })]).toEqual([
      ['/increment must be >= 1199145600'],
      [],
    ]);
  });

  it('validates formats, enums and undeclared properties (strict) as the tests rely on', () => {
    expect({
      strict: strict.validate('BackupRestoreJob', {
        delivery: { methodName: 'HTTP', expires: 'tomorrow' },
        masterKeyUUID: 'string',
        statusName: 'DONE',
        surprise: true,
      }),
      loose: loose.validate('BackupRestoreJob', { delivery, surprise: true }),
      int32: strict.validate('ServerlessBackupRestoreJob', {
        deliveryType: 'automated',
        targetClusterName: 'a',
        targetGroupId: '0123456789abcdef01234567',
        oplogInc: 2 ** 31,
      }),
    }).toEqual({
      strict: [
        '/ must NOT have additional properties (surprise)',
        '/delivery/expires must match format "date-time"',
        '/masterKeyUUID must match format "uuid"',
        '/statusName must be equal to one of the allowed values (IN_PROGRESS, BROKEN, KILLED, FINISHED)',
      ],
      loose: [],
      int32: ['/oplogInc must match format "int32"'],
    });
  });
});
