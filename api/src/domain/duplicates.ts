/**
 * Possible duplicate signing (重复签约): a project for the same enterprise (same USCC) with a
 * similar name within 12 months *(config)* of another is flagged for a human to resolve. The
 * flag only suggests; confirming a duplicate is a decision recorded by the service.
 *
 * Name similarity = Sørensen–Dice coefficient over character bigrams (the `dice-coefficient`
 * package) of the normalised names; bigrams suit Chinese names, which have no word spaces.
 * Normalisation, in order:
 *   1. NFKC (full-width letters, digits and brackets become half-width), lower case;
 *   2. drop whitespace, punctuation and symbols (brackets, dashes, quotes …);
 *   3. drop legal-form and filler words anywhere: 股份有限公司, 有限责任公司, 有限公司,
 *      股份公司, 有限合伙, 普通合伙, 公司, 股份, 集团, 项目;
 *   4. drop leading place names: 中国, 浙江省/浙江, 绍兴市/绍兴, 上虞区/上虞 (repeatedly).
 * Equal normalised names score 1; default threshold 0.6 ('新材料' vs '新材料二期' share 2 of
 * 2 + 4 bigrams: 2·2 ÷ 6 = 0.667). Dates compared are signing dates, or creation dates for
 * unsigned projects.
 *
 * API: DEFAULT_DUPLICATE_CONFIG, normalizeProjectName, nameSimilarity, findPossibleDuplicates.
 */
import { diceCoefficient } from 'dice-coefficient';
import { addMonths, daysBetween, type CalendarDate } from './dates.js';
import { normalizeUscc } from './uscc.js';

export interface DuplicateConfig {
  windowMonths: number;
  minSimilarity: number;
}

export const DEFAULT_DUPLICATE_CONFIG: DuplicateConfig = { windowMonths: 12, minSimilarity: 0.6 };

const FILLER_WORDS = ['股份有限公司', '有限责任公司', '有限公司', '股份公司', '有限合伙', '普通合伙', '公司', '股份', '集团', '项目'];
const PLACE_PREFIXES = ['中国', '浙江省', '浙江', '绍兴市', '绍兴', '上虞区', '上虞'];

export function normalizeProjectName(name: string): string {
  let text = name.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\s]/gu, '');
  for (const word of FILLER_WORDS) text = text.split(word).join('');
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const place of PLACE_PREFIXES) {
      if (text.startsWith(place) && text.length > place.length) {
        text = text.slice(place.length);
        stripped = true;
      }
    }
  }
  return text;
}

/** 0..1 similarity of two names after normalisation (1 when equal, 0 when either is empty). */
export function nameSimilarity(a: string, b: string): number {
  const x = normalizeProjectName(a);
  const y = normalizeProjectName(b);
  if (x === '' || y === '') return 0;
  if (x === y) return 1;
  return diceCoefficient(x, y);
}

export interface DuplicateCandidate {
  id: string;
  uscc: string;
  name: string;
  /** Signing date, or creation date while unsigned. */
  date: CalendarDate;
}

export interface PossibleDuplicate {
  id: string;
  similarity: number;
  /** |date difference| in days. */
  daysApart: number;
}

/** Others with the same USCC, a similar name, and a date within ±windowMonths; most similar first. */
export function findPossibleDuplicates(
  project: DuplicateCandidate,
  others: readonly DuplicateCandidate[],
  config: DuplicateConfig = DEFAULT_DUPLICATE_CONFIG,
): PossibleDuplicate[] {
  const uscc = normalizeUscc(project.uscc);
  const from = addMonths(project.date, -config.windowMonths);
  const to = addMonths(project.date, config.windowMonths);
  const found: PossibleDuplicate[] = [];
  for (const other of others) {
    if (other.id === project.id || normalizeUscc(other.uscc) !== uscc || other.date < from || other.date > to) continue;
    const similarity = nameSimilarity(project.name, other.name);
    if (similarity >= config.minSimilarity) {
      found.push({ id: other.id, similarity, daysApart: Math.abs(daysBetween(project.date, other.date)) });
    }
  }
  return found.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
