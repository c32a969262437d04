/**
 * Mongoose settings shared by every model: strict queries, filter sanitisation (operator
 * objects in user input are neutralised), no __v (we keep an explicit `version` for
 * optimistic concurrency), timestamps.
 */
import mongoose, { Schema, type SchemaOptions } from 'mongoose';

mongoose.set('strictQuery', true);
mongoose.set('sanitizeFilter', true);

export function schemaOptions(collection: string, extra: SchemaOptions = {}): SchemaOptions {
  return { collection, versionKey: false, timestamps: true, strict: 'throw', ...extra } as SchemaOptions;
}

export const ObjectId = Schema.Types.ObjectId;
export { mongoose, Schema };

/** Model registered once per connection name (tests import models repeatedly). */
export function model<T>(name: string, schema: Schema<T>) {
  return (mongoose.models[name] as mongoose.Model<T>) ?? mongoose.model<T>(name, schema);
}
