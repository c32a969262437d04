/**
 * MongoDB regular expressions (PCRE syntax, options i m s x u) as JS RegExps.
 *
 * The differences that matter in practice are translated: the `x` (extended) option, which JS
 * lacks, strips unescaped whitespace and `#` comments outside character classes; leading
 * inline flags `(?i)` become RegExp flags; `\A`, `\z`, `\Z` and `(?P<name>` map to their JS
 * spellings. Compiled RegExps are memoised because the same few patterns run per document.
 */
import { MongoError, ErrorCodes } from '../errors.js';
import { bsonTag } from './bsontype.js';

const cache = new Map<string, RegExp>();

function stripExtended(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\' && i + 1 < src.length) {
      out += c + src[++i];
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    out += c;
  }
  return out;
}

/** Compile a MongoDB pattern + options; throws BadValue for an invalid pattern or option. */
export function compileRegex(pattern: string, options: string): RegExp {
  const key = `${options}/${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let src = pattern;
  let opts = options;
  const inline = /^\(\?([imsx]+)\)/.exec(src);
  if (inline) {
    opts += inline[1];
    src = src.slice(inline[0].length);
  }
  let flags = '';
  for (const o of opts) {
    if (o === 'i' || o === 'm' || o === 's') {
      if (!flags.includes(o)) flags += o;
    } else if (o === 'x') src = stripExtended(src);
    else if (o !== 'u' && o !== 'g') {
      throw new MongoError(ErrorCodes.BadValue, `invalid flag in regex options: ${o}`);
    }
  }
  src = src
    .replace(/\\A/g, '(?<![\\s\\S])')
    .replace(/\\z/g, '(?![\\s\\S])')
    .replace(/\\Z/g, '(?=\\n?(?![\\s\\S]))')
    .replace(/\(\?P</g, '(?<');
  let re: RegExp;
  try {
    re = new RegExp(src, flags);
  } catch (e) {
    throw new MongoError(ErrorCodes.BadValue, `Regular expression is invalid: ${(e as Error).message}`);
  }
  if (cache.size > 5000) cache.clear();
  cache.set(key, re);
  return re;
}

/** True for a BSONRegExp or JS RegExp value. */
export function isRegexValue(v: unknown): boolean {
  return v instanceof RegExp || bsonTag(v) === 'BSONRegExp';
}

/** Pattern and options of a BSONRegExp or JS RegExp. */
export function regexSource(v: unknown): { pattern: string; options: string } {
  if (v instanceof RegExp) return { pattern: v.source, options: v.flags.replace(/[gyd]/g, '') };
  const r = v as { pattern: string; options: string };
  return { pattern: r.pattern, options: r.options };
}

/** The JS RegExp for a regex value. */
export function toJsRegex(v: unknown): RegExp {
  const { pattern, options } = regexSource(v);
  return compileRegex(pattern, options);
}
