/**
 * Selection sets for output types (random leaves and a few nested objects, with valid literal
 * arguments where a field needs them) and GraphQL literal printing, including deliberately
 * invalid literals for the inline-argument cases.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
} from 'graphql';
import type { Draw } from './draw.js';
import { validValue, type Pools } from './values.js';

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A GraphQL literal for a JS value, untyped: strings quoted, object keys printed as they are. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v)).join(', ')}]`;
  return `{ ${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${literal(v)}`)
    .join(', ')} }`;
}

/** A literal for `value` as `type`: enum values bare, the rest as `literal` prints them. */
export function typedLiteral(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  if (isNonNullType(type)) return typedLiteral(value, type.ofType);
  if (isListType(type)) return Array.isArray(value) ? `[${value.map((v) => typedLiteral(v, type.ofType)).join(', ')}]` : typedLiteral(value, type.ofType);
  if (isEnumType(type)) return typeof value === 'string' && NAME.test(value) ? value : literal(value);
  if (isInputObjectType(type) && typeof value === 'object' && !Array.isArray(value)) {
    const fields = type.getFields();
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${fields[k] ? typedLiteral(v, fields[k].type) : literal(v)}`)
      .join(', ')} }`;
  }
  return literal(value);
}

function argsLiteral(d: Draw, field: GraphQLField<unknown, unknown>, op: string, pools: Pools): string {
  const parts: string[] = [];
  for (const a of field.args) {
    const required = isNonNullType(a.type) && a.defaultValue === undefined;
    if (!required && !d.chance(0.2)) continue;
    const v = validValue(d, a.type, op, a.name, pools);
    parts.push(`${a.name}: ${typedLiteral(v, a.type)}`);
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** A selection set for `type`, `depth` levels of nested objects at most; '' for leaf types. */
export function selectionFor(d: Draw, type: GraphQLOutputType, op: string, pools: Pools, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const fields = Object.values(named.getFields());
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
  const objects = fields.filter((f) => !isLeafType(getNamedType(f.type)));
  const chosen = new Set<GraphQLField<unknown, unknown>>();
  const id = leaves.find((f) => f.name === 'id');
  if (id) chosen.add(id);
  for (let i = d.int(1, 5); i > 0 && leaves.length; i--) chosen.add(d.pick(leaves));
  const errors = objects.find((f) => f.name === 'errors');
  if (errors) chosen.add(errors);
  if (depth > 0) for (let i = d.int(0, 2); i > 0 && objects.length; i--) chosen.add(d.pick(objects));
  if (!chosen.size) {
    // An object with object fields only: take one, however deep we are.
    if (objects.length) chosen.add(d.pick(objects));
    else return '{ __typename }';
  }
  const parts = [...chosen].map((f) => {
    const sub = isLeafType(getNamedType(f.type)) ? '' : ` ${f.name === 'errors' ? '{ code field message }' : selectionFor(d, f.type, op, pools, depth - 1)}`;
    return `${f.name}${argsLiteral(d, f, op, pools)}${sub}`;
  });
  return `{ ${parts.join(' ')} }`;
}
