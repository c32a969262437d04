/**
 * Plan dates are calendar dates in Asia/Shanghai, sent as "YYYY-MM-DD"; events are instants.
 * Calendar arithmetic goes through UTC day numbers so a browser in another time zone still
 * counts the same days as the API.
 */
const DAY_MS = 86_400_000;
const ZONE = 'Asia/Shanghai';

function datePart(value: string): string {
  return value.slice(0, 10);
}

function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(datePart(value));
}

/** "2024-03-05"; "—" when empty. */
export function formatDate(value: string | null | undefined): string {
  if (!value || !isCalendarDate(value)) return '—';
  return datePart(value);
}

/** "2024年3月5日"; "—" when empty. */
export function formatDateCn(value: string | null | undefined): string {
  if (!value || !isCalendarDate(value)) return '—';
  const [y, m, d] = datePart(value).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function shanghaiParts(instant: Date): Record<string, string> {
  return Object.fromEntries(dateTimeFormat.formatToParts(instant).map((p) => [p.type, p.value]));
}

/** An instant as "2024-03-05 14:07" in Asia/Shanghai; "—" when empty or invalid. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return '—';
  const p = shanghaiParts(instant);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Today's calendar date in Asia/Shanghai. */
export function todayInShanghai(now: Date = new Date()): string {
  const p = shanghaiParts(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Days since 1970-01-01 for a calendar date. */
export function epochDay(value: string): number {
  const [y, m, d] = datePart(value).split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** The calendar date `days` after `value`. */
export function addDays(value: string, days: number): string {
  return new Date((epochDay(value) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Milliseconds of a calendar date at UTC midnight, for chart axes that must not shift by zone. */
export function dateToAxisTime(value: string): number {
  return epochDay(value) * DAY_MS;
}
