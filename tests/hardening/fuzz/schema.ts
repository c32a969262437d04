/**
 * The contract as the fuzzer and the access audit read it: schema/*.graphql parsed with
 * graphql-js (the same SDL the API serves), and every root Query and Mutation field.
 */
import { buildSchema, type GraphQLField, type GraphQLSchema } from 'graphql';
import { loadTypeDefs } from '../../../api/src/graphql/typeDefs.js';

export type OpKind = 'query' | 'mutation';

export interface Operation {
  kind: OpKind;
  name: string;
  field: GraphQLField<unknown, unknown>;
}

let cached: GraphQLSchema | null = null;
export function contractSchema(): GraphQLSchema {
  return (cached ??= buildSchema(loadTypeDefs()));
}

/** Every Query and Mutation field, in schema order. */
export function rootOperations(schema = contractSchema()): Operation[] {
  const out: Operation[] = [];
  for (const [kind, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) out.push({ kind, name: field.name, field });
  }
  return out;
}
