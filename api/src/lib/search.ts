/**
 * Free-text search as a case-insensitive regex over stored names: the user's text is matched
 * literally (every regex metacharacter escaped), trimmed, cut to `max` characters, and stripped
 * of control characters, which stored text never holds (Checks.text removes them) and which a
 * BSON regex cannot carry at all (a NUL byte makes the driver throw).
 */
export function searchRegex(text: string | null | undefined, max = 64): RegExp | null {
  const clean = (text ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, max);
  if (!clean) return null;
  return new RegExp(clean.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}
