/**
 * The MongoDB query language over raw-form documents (see ../types.ts): comparison order,
 * paths, filters, sorts, projections, updates and aggregation pipelines.
 */
export { compareBson, bsonEquals, hashKey, bracketOf } from './compare.js';
export { getPathValues, getAggPath, getExact, splitPath } from './paths.js';
export { compileFilter, matches, type Matcher, type MatchDetails, type FilterOptions } from './match.js';
export { compileSort, sortDocuments, sortKey, parseSortSpec } from './sort.js';
export { compileProjection, compileProjectStage, compileAddFields, compileUnset } from './projection.js';
export { applyUpdate, validateUpdate, updateKind, type UpdateOptions, type UpdateResult } from './update.js';
export { upsertSeed } from './upsert.js';
export { runPipeline, compileStages, type PipelineContext } from './pipeline.js';
export { compileExpression, isTruthy, type ExprScope, type Evaluator } from './expr.js';
export { sameRaw } from './same.js';
export { bsonTypeOf, isPlainObject } from './bsontype.js';
