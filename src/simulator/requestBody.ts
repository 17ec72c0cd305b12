import { SimulatedApiError, SimulatorErrorCode, type FieldViolation } from './errors';
import { OBJECT_ID } from './http';

/** The spec's pattern for cluster names (`clusterName`, `targetClusterName`). */
export const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
/** The spec's pattern for `targetDeploymentItemName`. */
export const DEPLOYMENT_ITEM_NAME = /^[\p{L}\p{N}\-_.(),:&@+']{1,64}$/u;
/** A 24-hex ObjectId (`snapshotId`, `targetGroupId`, ...). */
export { OBJECT_ID };

/** 400 MISSING_ATTRIBUTE: a required request field is absent. */
export function missingAttribute(field: string): SimulatedApiError {
  return new SimulatedApiError(400, SimulatorErrorCode.MissingAttribute, `The required attribute ${field} was not specified.`, {}, [
    { field, description: 'must be specified' },
  ]);
}

/** 400 INVALID_ATTRIBUTE: a request field Atlas does not take, or a value it refuses. */
export function invalidAttribute(field: string, why: string): SimulatedApiError {
  return new SimulatedApiError(400, SimulatorErrorCode.InvalidAttribute, `Invalid attribute ${field} specified: ${why}.`, {}, [{ field, description: why }]);
}

/** 400 VALIDATION_ERROR: fields that are fine alone but not together (or a body that is no JSON object). */
export function validationError(detail: string, fields: FieldViolation[] = []): SimulatedApiError {
  return new SimulatedApiError(400, SimulatorErrorCode.ValidationError, detail, {}, fields);
}

interface Rule {
  required?: boolean;
}

/**
 * A JSON request body, read field by field with the spec's types, patterns, enums and minimums. Every read names the
 * field (dotted for nested objects, e.g. `delivery.methodName`) in the Atlas error it throws: MISSING_ATTRIBUTE for an
 * absent required field, INVALID_ATTRIBUTE for a wrong type or value and for any field the operation does not take.
 * NOTE: Atlas refuses unknown attributes (INVALID_ATTRIBUTE); the simulator also refuses a field the spec marks
 * readOnly, since OpenAPI says a client SHOULD NOT send it, so a client that echoes a response body is caught.
 */
export class RequestBody {
  private constructor(
    private readonly fields: Record<string, unknown>,
    private readonly prefix: string,
  ) {}

  /** Parses a body: 400 VALIDATION_ERROR for an empty one, one that is not JSON, or JSON that is not an object. */
  static parse(text: string): RequestBody {
    if (text.trim() === '') throw validationError('A request body is required.');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // NOTE: the spec has no error code for a body that is not JSON; VALIDATION_ERROR is the code of its badRequest example.
      throw validationError('The request body is not valid JSON.');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw validationError('The request body must be a JSON object.');
    return new RequestBody(value as Record<string, unknown>, '');
  }

  /** The dotted name of one of this object's fields. */
  name(field: string): string {
    return `${this.prefix}${field}`;
  }

  /** Whether a field is present (null counts as absent, as Atlas reads JSON null). */
  has(field: string): boolean {
    return this.fields[field] !== undefined && this.fields[field] !== null;
  }

  /** Refuses every field not listed (INVALID_ATTRIBUTE). */
  only(allowed: readonly string[]): this {
    for (const field of Object.keys(this.fields)) {
      if (!allowed.includes(field)) throw invalidAttribute(this.name(field), 'this operation does not take it');
    }
    return this;
  }

  /** A string field, checked against a pattern or a list of values. */
  string(field: string, rule: Rule & { pattern?: RegExp; oneOf?: readonly string[] } = {}): string | undefined {
    const value = this.present(field, rule);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw invalidAttribute(this.name(field), 'must be a string');
    if (rule.pattern && !rule.pattern.test(value)) throw invalidAttribute(this.name(field), `must match ${rule.pattern.source}`);
    if (rule.oneOf && !rule.oneOf.includes(value)) throw invalidAttribute(this.name(field), `must be one of ${rule.oneOf.join(', ')}`);
    return value;
  }

  /** An integer field (int32 unless `max` says otherwise), at least `min`. */
  integer(field: string, rule: Rule & { min?: number; max?: number } = {}): number | undefined {
    const value = this.present(field, rule);
    if (value === undefined) return undefined;
    const max = rule.max ?? 2_147_483_647;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalidAttribute(this.name(field), 'must be an integer');
    if (rule.min !== undefined && value < rule.min) throw invalidAttribute(this.name(field), `must be at least ${rule.min}`);
    if (value > max) throw invalidAttribute(this.name(field), `must be at most ${max}`);
    return value;
  }

  /** A nested object field. */
  object(field: string, rule: Rule = {}): RequestBody | undefined {
    const value = this.present(field, rule);
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidAttribute(this.name(field), 'must be an object');
    return new RequestBody(value as Record<string, unknown>, `${this.name(field)}.`);
  }

  private present(field: string, rule: Rule): unknown {
    if (!this.has(field)) {
      if (rule.required) throw missingAttribute(this.name(field));
      return undefined;
    }
    return this.fields[field];
  }
}

/** Refuses two fields given together (VALIDATION_ERROR naming both). */
export function notTogether(body: RequestBody, a: string, b: string, why: string): void {
  if (body.has(a) && body.has(b)) {
    throw validationError(`${body.name(a)} and ${body.name(b)} cannot be specified together: ${why}.`, [
      { field: body.name(a), description: why },
      { field: body.name(b), description: why },
    ]);
  }
}
