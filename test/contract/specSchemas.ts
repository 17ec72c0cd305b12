import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import type { RestoreJobKind } from '../../src/restoreJobs/RestoreJobModel';

/**
 * The Atlas OpenAPI contract for tests: the YAML loaded, its schemas turned into ajv validators of response bodies,
 * and the spec's quirks adjusted, all in this one file (each adjustment is listed in {@link SPEC_ADJUSTMENTS} and has
 * a test that fails once the spec no longer needs it: test/contract/specQuirks.test.ts).
 */

/** The repository root, from this file's own location (never the working directory). */
export const REPO_ROOT = join(__dirname, '..', '..');
/** The contract: beside the repository, as CI lays it out ($d/p and $d/shared). */
export const SPEC_PATH = join(REPO_ROOT, '..', 'shared', 'atlas', 'restore-jobs.openapi.yaml');
/** The reference pages the contract was cut for. */
export const PAGES_DIR = join(REPO_ROOT, '..', 'shared', 'atlas', 'pages');

/** A JSON Schema / OpenAPI schema object, loosely typed (it is data read from YAML). */
export type SchemaObject = { [keyword: string]: unknown };

interface Operation {
  operationId: string;
  responses: Record<string, SchemaObject>;
}

/** The parts of the OpenAPI document the tests read. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaObject>; responses: Record<string, SchemaObject> };
}

const cachedSpecs = new Map<string, OpenApiDocument>();

/** A contract as parsed from YAML, by default the restore-jobs one (read once; callers must not mutate it). */
export function loadSpec(specPath: string = SPEC_PATH): OpenApiDocument {
  let spec = cachedSpecs.get(specPath);
  if (!spec) {
    spec = parse(readFileSync(specPath, 'utf8')) as OpenApiDocument;
    cachedSpecs.set(specPath, spec);
  }
  return spec;
}

/** The kinds this contract (restore-jobs.openapi.yaml) defines. */
export const SPEC_JOB_KINDS = ['LEGACY_BACKUP', 'SHARED_TIER', 'FLEX', 'SERVERLESS'] as const satisfies readonly RestoreJobKind[];
export type SpecJobKind = (typeof SPEC_JOB_KINDS)[number];

/** The job schema of each kind of this contract (restore-jobs.openapi.yaml). */
export const JOB_SCHEMAS: Readonly<Record<SpecJobKind, string>> = {
  LEGACY_BACKUP: 'BackupRestoreJob',
  SHARED_TIER: 'TenantRestore',
  FLEX: 'FlexBackupRestoreJob20241113',
  SERVERLESS: 'ServerlessBackupRestoreJob',
};

/** atlas/successors.openapi.yaml, the cut with Cloud Backup restore jobs and the cluster lookups. */
export const SUCCESSORS_SPEC_PATH = join(REPO_ROOT, '..', 'shared', 'atlas', 'successors.openapi.yaml');

/** atlas/snapshots.openapi.yaml, the cut with the backup snapshot lists (Cloud Backup, flex, Legacy Backup). */
export const SNAPSHOTS_SPEC_PATH = join(REPO_ROOT, '..', 'shared', 'atlas', 'snapshots.openapi.yaml');

/** Every kind's job schema and the cut of the spec that has it: a keyed record, so no kind can be left out. */
export const JOB_SCHEMA_OF: Readonly<Record<RestoreJobKind, { specPath: string; schema: string }>> = {
  LEGACY_BACKUP: { specPath: SPEC_PATH, schema: JOB_SCHEMAS.LEGACY_BACKUP },
  SHARED_TIER: { specPath: SPEC_PATH, schema: JOB_SCHEMAS.SHARED_TIER },
  FLEX: { specPath: SPEC_PATH, schema: JOB_SCHEMAS.FLEX },
  SERVERLESS: { specPath: SPEC_PATH, schema: JOB_SCHEMAS.SERVERLESS },
  CLOUD_BACKUP: { specPath: SUCCESSORS_SPEC_PATH, schema: 'DiskBackupSnapshotRestoreJob' },
};

/**
 * Every adjustment made to the spec before its schemas validate response bodies. NOTE: these are the spec's quirks;
 * nothing else is changed.
 */
export const SPEC_ADJUSTMENTS = {
  /**
   * A response never carries a writeOnly property (OpenAPI 3.0: "SHOULD NOT be sent as part of the response"):
   * removed from response views (and, in strict mode, so refused). E.g. `BackupRestoreJob.checkpointId`, `oplogTs`.
   */
  writeOnlyRemoved: true,
  /**
   * `required` entries that only a create request needs: `TenantRestore` is one schema for the create request and the
   * responses, and requires the request's `snapshotId` and `targetDeploymentItemName` (its response twin
   * `FlexBackupRestoreJob20241113` requires nothing; `FlexBackupRestoreJobCreate20241113` requires these two).
   */
  requestOnlyRequired: { TenantRestore: ['snapshotId', 'targetDeploymentItemName'] } as Record<string, string[]>,
  /**
   * Patterns written with doubled backslashes (`\\d` where `\d` is meant): `BackupRestoreJob.oplogTs` (writeOnly, so
   * it only matters to request views), fixed by halving the backslashes.
   */
  doubleEscapedPatterns: [['BackupRestoreJob', 'oplogTs']] as [string, string][],
  /**
   * Patterns with an identity escape of a character that needs none (`\:`), which Unicode mode refuses as an invalid
   * escape: `BackupSnapshotPart.machineId` (snapshots.openapi.yaml), fixed by dropping the backslash (`:` means the
   * same in either mode).
   */
  needlessEscapes: [['BackupSnapshotPart', 'machineId']] as [string, string][],
  /**
   * Documented fields beyond the spec, allowed in strict mode: the stale names the shared-tier reference page still
   * shows (atlas/pages/001_*), read as fallbacks by src/restoreJobs/snapshotRestore.ts.
   */
  extensions: {
    TenantRestore: {
      submittedAt: { type: 'string', format: 'date-time' },
      finishedDate: { type: 'string', format: 'date-time' },
      timestamp: { type: 'string', format: 'date-time' },
    },
  } as Record<string, Record<string, SchemaObject>>,
  /**
   * `\p{L}`/`\p{N}` in `targetDeploymentItemName` patterns need Unicode mode: ajv compiles every pattern with the
   * `u` flag (`unicodeRegExp`, set explicitly below). Without it `\p{L}` would mean the letter p.
   */
  unicodePatterns: true,
  /**
   * `oneOf`s whose alternatives overlap, with no discriminator: `HardwareSpec20240805` is one of the AWS, Azure, GCP
   * and tenant hardware specs, which all accept `{ "instanceSize": "M10" }` (and every other body that names no
   * provider-only property), so "exactly one" fails for the bodies Atlas sends. NOTE: read as `anyOf`, which is what
   * the spec means (the provider is named by the region config's `providerName`, whose discriminator the cut drops),
   * each alternative carrying the properties the schema declares beside its `oneOf` (`diskSizeGB`), so that a strict
   * view refuses what no alternative declares and accepts what one does.
   */
  overlappingOneOf: ['HardwareSpec20240805'] as string[],
} as const;

/** Validator options. */
export interface ContractOptions {
  /** The OpenAPI document (default {@link SPEC_PATH}; e.g. `atlas/successors.openapi.yaml` for Cloud Backup). */
  specPath?: string;
  /**
   * Also refuse properties the spec does not declare (`additionalProperties: false` on every object, except the
   * documented {@link SPEC_ADJUSTMENTS.extensions}). For what this project produces itself (the simulator); Atlas
   * may add fields, so the gateway tolerates them.
   */
  strict?: boolean;
}

/** What a response was checked against. */
export interface ResponseCheck {
  /** The spec operation the method and path match; null when none does. */
  operationId: string | null;
  /** Whether the spec declares this status for the operation (a status it does not list is checked as `ApiError`). */
  statusDeclared: boolean;
  /** Whether the spec lists this content type for the status. */
  contentTypeDeclared: boolean;
  /** The component schema the body was validated against. */
  schema: string;
  /** ajv's errors as `instancePath message` lines; empty when valid. */
  errors: string[];
}

/** Validators of response bodies built from the contract. */
export interface Contract {
  /** Validates a body against the response view of `components/schemas/{name}`; returns the error lines. */
  validate(name: string, body: unknown): string[];
  /** Finds the operation of a response and validates its body against the declared schema. */
  checkResponse(response: { method: string; path: string; status: number; contentType: string; body: unknown }): ResponseCheck;
  /** The response view of a component schema, adjusted, with `$ref`s left as `#/definitions/...`. */
  responseView(name: string): SchemaObject;
  /** Resolves a `$ref` of a response view. */
  resolve(ref: string): SchemaObject;
}

const REF_PREFIX = '#/components/schemas/';

function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OpenAPI 3.0 schema -> JSON Schema for ajv: `x-*` and the annotation keywords ajv does not know dropped, refs local. */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (!isObject(value)) return value;
  const out: SchemaObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('x-') || key === 'example' || key === 'externalDocs') continue;
    if (key === '$ref' && typeof child === 'string' && child.startsWith(REF_PREFIX)) {
      out.$ref = `#/definitions/${child.slice(REF_PREFIX.length)}`;
      continue;
    }
    // `properties` maps names to schemas: its keys are never keywords, so they are kept even when they look like one.
    out[key] =
      key === 'properties' && isObject(child)
        ? Object.fromEntries(Object.entries(child).map(([name, schema]) => [name, toJsonSchema(schema)]))
        : toJsonSchema(child);
  }
  return out;
}

/** The response view of one schema object (not following refs: each referenced schema gets its own view). */
function responseViewOf(name: string, schema: SchemaObject, strict: boolean): SchemaObject {
  const view = toJsonSchema(schema) as SchemaObject;
  const walk = (node: SchemaObject, owner: string | null): void => {
    if (isObject(node.properties)) {
      const properties = node.properties as Record<string, SchemaObject>;
      for (const [prop, child] of Object.entries(properties)) {
        if (SPEC_ADJUSTMENTS.writeOnlyRemoved && child.writeOnly === true) {
          delete properties[prop];
          continue;
        }
        walk(child, null);
      }
      if (Array.isArray(node.required)) {
        const requestOnly = owner ? (SPEC_ADJUSTMENTS.requestOnlyRequired[owner] ?? []) : [];
        const required = (node.required as string[]).filter((r) => r in properties && !requestOnly.includes(r));
        if (required.length) node.required = required;
        else delete node.required;
      }
      if (owner && SPEC_ADJUSTMENTS.extensions[owner] && strict) Object.assign(properties, SPEC_ADJUSTMENTS.extensions[owner]);
      if (strict && node.additionalProperties === undefined) node.additionalProperties = false;
    }
    if (isObject(node.items)) walk(node.items, null);
  };
  walk(view, name);
  for (const [owner, prop] of SPEC_ADJUSTMENTS.doubleEscapedPatterns) {
    const property = owner === name && isObject(view.properties) ? (view.properties as Record<string, SchemaObject>)[prop] : undefined;
    if (property && typeof property.pattern === 'string') property.pattern = property.pattern.replace(/\\\\/g, '\\');
  }
  for (const [owner, prop] of SPEC_ADJUSTMENTS.needlessEscapes) {
    const property = owner === name && isObject(view.properties) ? (view.properties as Record<string, SchemaObject>)[prop] : undefined;
    if (property && typeof property.pattern === 'string') property.pattern = property.pattern.replace(/\\:/g, ':');
  }
  return view;
}

/** An overlapping `oneOf` as `anyOf`, each alternative (a `$ref`) inlined with the properties declared beside it. */
function anyOfWithShared(definitions: Record<string, SchemaObject>, view: SchemaObject): SchemaObject {
  const { oneOf, properties, additionalProperties: _closed, ...rest } = view;
  const shared = isObject(properties) ? properties : {};
  const alternatives = (oneOf as SchemaObject[]).map((alt) => {
    const target = definitions[String(alt.$ref).replace('#/definitions/', '')];
    if (!target) throw new Error(`unresolvable ${String(alt.$ref)}`);
    return { ...target, properties: { ...(target.properties as SchemaObject), ...shared } };
  });
  return { ...rest, anyOf: alternatives };
}

function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const detail =
      e.keyword === 'additionalProperties'
        ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})`
        : e.keyword === 'enum'
          ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
          : '';
    return `${e.instancePath || '/'} ${e.message ?? e.keyword}${detail}`;
  });
}

/** Path templates of the spec as regular expressions (parameters match one segment). */
function templateRegExp(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * Every property path of a response view (`Prefix.prop`, `Prefix.prop.nested`; arrays transparent, `$ref`s followed
 * once per branch).
 */
export function responsePropertyPaths(contract: Contract, prefix: string, node: SchemaObject, seen: readonly string[] = []): string[] {
  if (typeof node.$ref === 'string') {
    if (seen.includes(node.$ref)) return [];
    return responsePropertyPaths(contract, prefix, contract.resolve(node.$ref), [...seen, node.$ref]);
  }
  if (node.type === 'array' && isObject(node.items)) return responsePropertyPaths(contract, prefix, node.items, seen);
  const properties = (node.properties ?? {}) as Record<string, SchemaObject>;
  return Object.entries(properties).flatMap(([name, child]) => [
    `${prefix}.${name}`,
    ...responsePropertyPaths(contract, `${prefix}.${name}`, child, seen),
  ]);
}

/** Builds the validators (a fresh ajv instance per call; compile once per test file). */
export function loadContract(options: ContractOptions = {}): Contract {
  const strict = options.strict === true;
  const spec = loadSpec(options.specPath);
  const definitions: Record<string, SchemaObject> = {};
  for (const [name, schema] of Object.entries(spec.components.schemas)) definitions[name] = responseViewOf(name, schema, strict);
  for (const name of SPEC_ADJUSTMENTS.overlappingOneOf) if (definitions[name]) definitions[name] = anyOfWithShared(definitions, definitions[name]);

  const ajv = new Ajv({ strict: true, allErrors: true, unicodeRegExp: SPEC_ADJUSTMENTS.unicodePatterns });
  addFormats(ajv);
  ajv.addSchema({ $id: 'atlas', definitions });
  const validators = new Map<string, ValidateFunction>();
  const validatorOf = (name: string): ValidateFunction => {
    let validate = validators.get(name);
    if (!validate) {
      if (!definitions[name]) throw new Error(`no schema ${name} in the contract`);
      validate = ajv.getSchema(`atlas#/definitions/${name}`)!;
      validators.set(name, validate);
    }
    return validate;
  };
  const validate = (name: string, body: unknown): string[] => {
    const fn = validatorOf(name);
    return fn(body) ? [] : formatErrors(fn.errors);
  };

  const operations = Object.entries(spec.paths).flatMap(([template, item]) =>
    Object.entries(item).map(([method, operation]) => ({ re: templateRegExp(template), method: method.toUpperCase(), operation })),
  );
  const resolveResponse = (response: SchemaObject): SchemaObject => {
    const ref = response.$ref;
    return typeof ref === 'string' ? spec.components.responses[ref.split('/').at(-1)!]! : response;
  };

  return {
    validate,
    responseView: (name) => {
      if (!definitions[name]) throw new Error(`no schema ${name} in the contract`);
      return definitions[name];
    },
    resolve: (ref) => {
      const name = ref.replace('#/definitions/', '');
      if (!definitions[name]) throw new Error(`unresolvable ${ref}`);
      return definitions[name];
    },
    checkResponse({ method, path, status, contentType, body }) {
      const found = operations.find((o) => o.method === method.toUpperCase() && o.re.test(path));
      const declared = found ? found.operation.responses[String(status)] : undefined;
      const content = declared ? (resolveResponse(declared).content as Record<string, { schema?: SchemaObject }> | undefined) : undefined;
      const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
      const schemaRef = content?.[mediaType]?.schema?.$ref;
      const schema =
        typeof schemaRef === 'string' ? schemaRef.slice(REF_PREFIX.length) : status >= 400 ? 'ApiError' : null;
      if (!schema) throw new Error(`no schema for ${method} ${path} ${status} ${contentType}`);
      return {
        operationId: found?.operation.operationId ?? null,
        statusDeclared: declared !== undefined,
        contentTypeDeclared: content?.[mediaType] !== undefined,
        schema,
        errors: validate(schema, body),
      };
    },
  };
}
