import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import {
  DateTimeResolver,
  EmailAddressResolver,
  NonNegativeFloatResolver,
  NonNegativeIntResolver,
  PositiveIntResolver,
  SafeIntResolver,
} from 'graphql-scalars';
import { isValidCalendarDate } from '../domain/dates.js';

/**
 * `Date` is a calendar date 'YYYY-MM-DD' in Asia/Shanghai, kept as that string end to end
 * (graphql-scalars' Date would turn it into a JS Date at UTC midnight and invite off-by-one days).
 */
const CalendarDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date in Asia/Shanghai, YYYY-MM-DD.',
  serialize(value) {
    if (typeof value === 'string' && isValidCalendarDate(value)) return value;
    throw new GraphQLError(`Date cannot represent ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value === 'string' && isValidCalendarDate(value)) return value;
    throw new GraphQLError(`日期格式不正确（应为YYYY-MM-DD的有效日期）：${String(value).slice(0, 40)}`);
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && isValidCalendarDate(ast.value)) return ast.value;
    throw new GraphQLError('日期格式不正确（应为YYYY-MM-DD的有效日期）');
  },
});

/** Integer yuan amounts: JS safe integers (≤ 9,007,199,254,740,991), serialised as numbers. */
const LongScalar = new GraphQLScalarType({ ...SafeIntResolver.toConfig(), name: 'Long', description: 'An integer amount (safe integer).' });

export const scalarResolvers = {
  Date: CalendarDateScalar,
  DateTime: DateTimeResolver,
  EmailAddress: EmailAddressResolver,
  NonNegativeInt: NonNegativeIntResolver,
  PositiveInt: PositiveIntResolver,
  NonNegativeFloat: NonNegativeFloatResolver,
  Long: LongScalar,
  Upload: new GraphQLScalarType({ name: 'Upload', description: 'Not accepted over GraphQL: upload files to POST /api/evidence.' }),
};
