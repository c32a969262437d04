/**
 * List filters live in the URL (?status=NEW&status=NEGOTIATING&stale=1&q=…) so a filtered
 * list can be bookmarked, shared and restored with the back button.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router';

function values(query: LocationQuery, key: string): string[] {
  const raw = query[key];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((v): v is string => typeof v === 'string' && v !== '');
}

export function queryString(query: LocationQuery, key: string): string {
  return values(query, key)[0] ?? '';
}

export function queryBool(query: LocationQuery, key: string): boolean {
  return queryString(query, key) === '1';
}

/** The values of a repeated key that are among `allowed` (unknown values are dropped). */
export function queryEnumList<T extends string>(query: LocationQuery, key: string, allowed: readonly T[]): T[] {
  return values(query, key).filter((v): v is T => (allowed as readonly string[]).includes(v));
}

/** Drops empty values so the URL carries only what filters something. */
export function compactQuery(query: Record<string, string | string[] | boolean | null | undefined>): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === true) out[key] = '1';
    else if (Array.isArray(value)) {
      if (value.length > 0) out[key] = value;
    } else if (typeof value === 'string' && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}
