/**
 * sorted-btree, loaded in a way that works under tsx, vitest and plain Node ESM alike: the
 * package is CommonJS with `exports.default`, which Node's ESM loader wraps once more.
 *
 * Why this B+ tree: O(1) `clone()` with lazy copy-on-write of nodes. The engine publishes
 * frozen versions of a collection (for readers, cursors, transaction snapshots and storage
 * snapshots) after every write, and only the nodes a later write touches get copied.
 */
import * as btreeModule from 'sorted-btree';
import type BTreeClass from 'sorted-btree';

type BTreeCtor = typeof BTreeClass;
const loaded = btreeModule as unknown as { default: BTreeCtor | { default: BTreeCtor } };
const ctor = (typeof loaded.default === 'function' ? loaded.default : loaded.default.default) as BTreeCtor;

export const BTree = ctor;
export type BTree<K, V> = BTreeClass<K, V>;
