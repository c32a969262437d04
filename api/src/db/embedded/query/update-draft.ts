/**
 * Copy-on-write editing of a raw document for update operators.
 *
 * Stored documents are shared and must never change, so a Draft copies only the containers
 * on the paths it writes to; untouched subtrees stay shared with the input. Path rules follow
 * MongoDB: missing intermediate fields are created as documents, array positions past the end
 * are padded with nulls, and stepping through a scalar (or a non-numeric name into an array)
 * is PathNotViable for writes and a no-op for removals.
 */
import { EJSON } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import { isPlainObject } from './bsontype.js';
import { arrayIndexOf } from './paths.js';

export type Container = Record<string, unknown> | unknown[];

export interface Slot {
  container: Container;
  /** Field name, or the numeric position when `container` is an array. */
  key: string | number;
}

/** Short rendering of a value for error messages (MongoDB prints the offending element). */
export function render(v: unknown): string {
  try {
    return EJSON.stringify(v as never, { relaxed: true });
  } catch {
    return String(v);
  }
}

function notViable(part: string, fieldName: string, holder: unknown): MongoError {
  return new MongoError(ErrorCodes.PathNotViable, `Cannot create field '${part}' in element {${fieldName}: ${render(holder)}}`);
}

export class Draft {
  private readonly owned = new WeakSet<object>();
  readonly root: Record<string, unknown>;

  constructor(doc: Record<string, unknown>) {
    this.root = { ...doc };
    this.owned.add(this.root);
  }

  private own(parent: Container, key: string | number, child: Container): Container {
    if (this.owned.has(child)) return child;
    const copy: Container = Array.isArray(child) ? child.slice() : { ...child };
    this.owned.add(copy);
    (parent as Record<string | number, unknown>)[key] = copy;
    return copy;
  }

  private fresh(): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    this.owned.add(o);
    return o;
  }

  /**
   * The writable container and key for `parts`. With `create`, missing intermediate
   * documents are created; without it, a missing or non-traversable path returns null.
   */
  slot(parts: readonly string[], create: boolean): Slot | null {
    let cur: Container = this.root;
    let curName = '';
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      const last = i === parts.length - 1;
      let key: string | number = p;
      if (Array.isArray(cur)) {
        const idx = arrayIndexOf(p);
        if (idx < 0) {
          if (!create) return null;
          throw notViable(p, curName, cur);
        }
        key = idx;
      }
      if (last) return { container: cur, key };
      let next = (cur as Record<string | number, unknown>)[key];
      if (next === undefined) {
        if (!create) return null;
        if (Array.isArray(cur)) while (cur.length < (key as number)) cur.push(null);
        next = this.fresh();
        (cur as Record<string | number, unknown>)[key] = next;
      } else if (Array.isArray(next) || isPlainObject(next)) {
        next = this.own(cur, key, next);
      } else {
        if (!create) return null;
        throw notViable(parts[i + 1], p, next);
      }
      cur = next as Container;
      curName = p;
    }
    throw new MongoError(ErrorCodes.BadValue, 'An empty update path is not valid.');
  }

  /** Current value at a slot (undefined when missing). */
  static read(s: Slot): unknown {
    return (s.container as Record<string | number, unknown>)[s.key];
  }

  /** Write a value; array positions past the end are padded with nulls. */
  static write(s: Slot, value: unknown): void {
    if (Array.isArray(s.container)) {
      const idx = s.key as number;
      while (s.container.length < idx) s.container.push(null);
      s.container[idx] = value;
    } else s.container[s.key as string] = value;
  }

  /** Remove a field; inside an array the element becomes null (MongoDB's $unset rule). */
  static remove(s: Slot): boolean {
    if (Array.isArray(s.container)) {
      const idx = s.key as number;
      if (idx >= s.container.length) return false;
      if (s.container[idx] === null) return false;
      s.container[idx] = null;
      return true;
    }
    if (!(s.key in s.container)) return false;
    delete s.container[s.key as string];
    return true;
  }
}
