/**
 * The one place where the engine and the commands reach into the query language (query/),
 * so the seam between the two parts stays visible and narrow. Only query/index.ts is used.
 */
import { BSON } from 'bson';
import { bracketOf } from '../query/index.js';

export {
  compareBson,
  bsonEquals,
  hashKey,
  bracketOf,
  compileFilter,
  compileSort,
  compileProjection,
  applyUpdate,
  updateKind,
  upsertSeed,
  runPipeline,
  getPathValues,
  isPlainObject,
  type PipelineContext,
} from '../query/index.js';

/** Type brackets of MongoDB's order, read off the query layer's bracketOf. */
export const Bracket = {
  minKey: bracketOf(new BSON.MinKey()),
  null: bracketOf(null),
  number: bracketOf(0),
  string: bracketOf(''),
  objectId: bracketOf(new BSON.ObjectId('000000000000000000000000')),
  binData: bracketOf(new BSON.Binary()),
  bool: bracketOf(false),
  date: bracketOf(new Date(0)),
  timestamp: bracketOf(new BSON.Timestamp({ t: 0, i: 0 })),
  maxKey: bracketOf(new BSON.MaxKey()),
} as const;
