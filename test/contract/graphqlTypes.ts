import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * Checks GraphQL results value by value against the schema's declared types: non-null, lists, enums in their value
 * sets, and this graph's scalars by their rules (ObjectID, DateTime, URL, UUID, NonNegativeInt, SafeInt, Int, ...). Used where
 * upstream bodies are random (the Prism contract run), so the result cannot be compared with a literal.
 */

const OBJECT_ID = /^[a-f0-9]{24}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Why a scalar value is wrong, or null when it is right. */
function scalarProblem(name: string, value: unknown): string | null {
  const ok = ((): boolean => {
    switch (name) {
      case 'ID':
      case 'String':
        return typeof value === 'string';
      case 'Boolean':
        return typeof value === 'boolean';
      case 'Int':
        return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
      case 'Float':
        return typeof value === 'number' && Number.isFinite(value);
      case 'NonNegativeInt':
        return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
      case 'SafeInt':
        return typeof value === 'number' && Number.isSafeInteger(value);
      case 'ObjectID':
        return typeof value === 'string' && OBJECT_ID.test(value);
      case 'DateTime':
        return typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
      case 'UUID':
        return typeof value === 'string' && UUID.test(value);
      case 'URL':
        if (typeof value !== 'string') return false;
        try {
          new URL(value);
          return true;
        } catch {
          return false;
        }
      default:
        throw new Error(`graphqlTypes: no rule for scalar ${name}; add one`);
    }
  })();
  return ok ? null : `${JSON.stringify(value)} is not a ${name}`;
}

/**
 * Problems of `data` as the result of `query` over `schema`, one line each (`path: problem`); empty when every
 * selected field is present, nothing else is, and every value has its declared type. Abstract types are resolved by
 * `__typename`, which the query must select on them.
 */
export function checkTypes(schema: GraphQLSchema, query: string, data: unknown): string[] {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation');
  const problems: string[] = [];

  const checkObject = (type: GraphQLObjectType, selectionSet: SelectionSetNode, value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${path}: ${JSON.stringify(value)} is not an object`);
      return;
    }
    const record = value as Record<string, unknown>;
    const seen = new Set<string>();
    const visit = (set: SelectionSetNode): void => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const condition = selection.typeCondition?.name.value;
          const applies =
            condition === undefined ||
            condition === type.name ||
            type.getInterfaces().some((i) => i.name === condition);
          if (applies) visit(selection.selectionSet);
          continue;
        }
        if (selection.kind !== Kind.FIELD) throw new Error('graphqlTypes: fragment spreads are not supported');
        const key = selection.alias?.value ?? selection.name.value;
        const at = path ? `${path}.${key}` : key;
        seen.add(key);
        if (!(key in record)) {
          problems.push(`${at}: missing`);
          continue;
        }
        if (selection.name.value === '__typename') {
          if (record[key] !== type.name) problems.push(`${at}: ${JSON.stringify(record[key])} is not ${type.name}`);
          continue;
        }
        const field: GraphQLField<unknown, unknown> | undefined = type.getFields()[selection.name.value];
        if (!field) throw new Error(`graphqlTypes: ${type.name} has no field ${selection.name.value}`);
        checkValue(field.type, selection.selectionSet, record[key], at);
      }
    };
    visit(selectionSet);
    for (const key of Object.keys(record)) if (!seen.has(key)) problems.push(`${path ? `${path}.` : ''}${key}: not selected`);
  };

  const checkValue = (type: GraphQLOutputType, selectionSet: SelectionSetNode | undefined, value: unknown, path: string): void => {
    if (isNonNullType(type)) {
      if (value === null || value === undefined) problems.push(`${path}: null for ${String(type)}`);
      else checkValue(type.ofType, selectionSet, value, path);
      return;
    }
    if (value === null) return;
    if (isListType(type)) {
      if (!Array.isArray(value)) problems.push(`${path}: ${JSON.stringify(value)} is not a list`);
      else value.forEach((item, i) => checkValue(type.ofType, selectionSet, item, `${path}.${i}`));
      return;
    }
    if (isScalarType(type)) {
      const problem = scalarProblem(type.name, value);
      if (problem) problems.push(`${path}: ${problem}`);
      return;
    }
    if (isEnumType(type)) {
      if (!type.getValues().some((v) => v.name === value)) problems.push(`${path}: ${JSON.stringify(value)} is not a ${type.name}`);
      return;
    }
    if (!selectionSet) throw new Error(`graphqlTypes: ${path} needs a selection`);
    if (isAbstractType(type)) {
      const typename = (value as { __typename?: unknown }).__typename;
      const concrete = typeof typename === 'string' ? schema.getType(typename) : undefined;
      if (!concrete || !isObjectType(concrete) || !schema.isSubType(type, concrete)) {
        problems.push(`${path}: __typename ${JSON.stringify(typename)} is not a ${type.name}`);
        return;
      }
      checkObject(concrete, selectionSet, value, path);
      return;
    }
    if (isObjectType(type)) checkObject(type, selectionSet, value, path);
  };

  const root = schema.getQueryType();
  if (!root || operation.operation !== 'query') throw new Error('graphqlTypes: queries only');
  checkObject(root, operation.selectionSet, data, '');
  // A field selected twice (on the interface and in a fragment) is checked twice; it is one problem.
  return [...new Set(problems)];
}

/**
 * A selection of every field of a type that takes no required argument, to `depth` levels, with `__typename` on
 * every object and one inline fragment per implementation of an interface. New fields of the schema are selected
 * without touching the tests.
 */
export function fullSelection(schema: GraphQLSchema, typeName: string, depth = 6): string {
  const type = schema.getType(typeName);
  if (!type) throw new Error(`no type ${typeName}`);
  if (depth === 0) return '__typename';
  const fieldsOf = (t: GraphQLObjectType | import('graphql').GraphQLInterfaceType): string[] =>
    Object.values(t.getFields())
      .filter((f) => !f.args.some((a) => isNonNullType(a.type)))
      .map((f) => {
        const named = getNamedType(f.type);
        return isObjectType(named) || isInterfaceType(named) ? `${f.name} { ${fullSelection(schema, named.name, depth - 1)} }` : f.name;
      });
  if (isObjectType(type)) return ['__typename', ...fieldsOf(type)].join(' ');
  if (isInterfaceType(type)) {
    const implementations = schema.getPossibleTypes(type).map((impl) => `... on ${impl.name} { ${fieldsOf(impl).join(' ')} }`);
    return ['__typename', ...fieldsOf(type), ...implementations].join(' ');
  }
  throw new Error(`${typeName} is not an object or interface type`);
}
