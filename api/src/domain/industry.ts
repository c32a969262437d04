/**
 * Industry classification (GB/T 4754-2017 国民经济行业分类) and the district's industry chains.
 *
 * A code is a section letter, optionally followed by a division (2 digits), group (3) or class
 * (4): 'C', 'C26', 'C261', 'C2614'; the letter may be omitted: '26', '261', '2614'. Divisions
 * 01–97 each belong to exactly one section, so the letter is implied by the digits and, when
 * given, must agree. Only the section/division structure is checked: whether group 2614 exists
 * would need the full 1,380-class table, which the product does not need (it asks only "is this
 * manufacturing?", i.e. section C = divisions 13–43).
 *
 * API: INDUSTRY_SECTIONS, parseIndustryCode, validateIndustryCode, isManufacturing,
 * INDUSTRY_CHAINS, industryChainName.
 */
import type { DomainError } from './errors.js';

export interface IndustrySection {
  letter: string;
  name: string;
  /** Inclusive division range. */
  divisions: [number, number];
}

export const INDUSTRY_SECTIONS: readonly IndustrySection[] = [
  { letter: 'A', name: '农、林、牧、渔业', divisions: [1, 5] },
  { letter: 'B', name: '采矿业', divisions: [6, 12] },
  { letter: 'C', name: '制造业', divisions: [13, 43] },
  { letter: 'D', name: '电力、热力、燃气及水生产和供应业', divisions: [44, 46] },
  { letter: 'E', name: '建筑业', divisions: [47, 50] },
  { letter: 'F', name: '批发和零售业', divisions: [51, 52] },
  { letter: 'G', name: '交通运输、仓储和邮政业', divisions: [53, 60] },
  { letter: 'H', name: '住宿和餐饮业', divisions: [61, 62] },
  { letter: 'I', name: '信息传输、软件和信息技术服务业', divisions: [63, 65] },
  { letter: 'J', name: '金融业', divisions: [66, 69] },
  { letter: 'K', name: '房地产业', divisions: [70, 70] },
  { letter: 'L', name: '租赁和商务服务业', divisions: [71, 72] },
  { letter: 'M', name: '科学研究和技术服务业', divisions: [73, 75] },
  { letter: 'N', name: '水利、环境和公共设施管理业', divisions: [76, 79] },
  { letter: 'O', name: '居民服务、修理和其他服务业', divisions: [80, 82] },
  { letter: 'P', name: '教育', divisions: [83, 83] },
  { letter: 'Q', name: '卫生和社会工作', divisions: [84, 85] },
  { letter: 'R', name: '文化、体育和娱乐业', divisions: [86, 90] },
  { letter: 'S', name: '公共管理、社会保障和社会组织', divisions: [91, 96] },
  { letter: 'T', name: '国际组织', divisions: [97, 97] },
];

export interface IndustryCode {
  /** Canonical form: section letter + digits, e.g. 'C2614' or 'C'. */
  code: string;
  section: IndustrySection;
  /** 2-digit division, null for a bare section. */
  division: number | null;
  level: 'SECTION' | 'DIVISION' | 'GROUP' | 'CLASS';
}

export type IndustryErrorCode = 'INDUSTRY_CODE_FORMAT' | 'INDUSTRY_CODE_UNKNOWN_DIVISION' | 'INDUSTRY_CODE_SECTION_MISMATCH';

const FORMAT = /^([A-T])?(\d{2,4})?$/;
const LEVELS = { 2: 'DIVISION', 3: 'GROUP', 4: 'CLASS' } as const;

function sectionOfDivision(division: number): IndustrySection | undefined {
  return INDUSTRY_SECTIONS.find((s) => division >= s.divisions[0] && division <= s.divisions[1]);
}

/** Parses a code (case-insensitive, surrounding spaces ignored) or explains why it is invalid. */
export function parseIndustryCode(raw: string): { ok: true; value: IndustryCode } | { ok: false; error: DomainError<IndustryErrorCode> } {
  const text = raw.trim().toUpperCase();
  const match = FORMAT.exec(text);
  if (text === '' || !match) {
    return { ok: false, error: { code: 'INDUSTRY_CODE_FORMAT', message: '行业代码格式应为门类字母加2–4位数字，如C2614、2614或26' } };
  }
  const [, letter, digits] = match;
  if (digits === undefined) {
    const section = INDUSTRY_SECTIONS.find((s) => s.letter === letter)!;
    return { ok: true, value: { code: section.letter, section, division: null, level: 'SECTION' } };
  }
  const division = Number(digits.slice(0, 2));
  const section = sectionOfDivision(division);
  if (!section) {
    return { ok: false, error: { code: 'INDUSTRY_CODE_UNKNOWN_DIVISION', message: `行业大类“${digits.slice(0, 2)}”不存在（应为01–97）` } };
  }
  if (letter !== undefined && letter !== section.letter) {
    return {
      ok: false,
      error: { code: 'INDUSTRY_CODE_SECTION_MISMATCH', message: `行业大类${digits.slice(0, 2)}属于门类${section.letter}（${section.name}），不属于门类${letter}` },
    };
  }
  const level = LEVELS[digits.length as 2 | 3 | 4];
  return { ok: true, value: { code: section.letter + digits, section, division, level } };
}

export function validateIndustryCode(raw: string): DomainError<IndustryErrorCode> | null {
  const parsed = parseIndustryCode(raw);
  return parsed.ok ? null : parsed.error;
}

/** Manufacturing = section C (divisions 13–43). Invalid or missing codes are not manufacturing. */
/**
 * Answers by code, remembered: a district has a few hundred distinct codes and the metrics ask
 * for each project's several times per request. Bounded, in case codes come from anywhere.
 */
const manufacturingByCode = new Map<string, boolean>();

export function isManufacturing(code: string | null | undefined): boolean {
  if (!code) return false;
  let known = manufacturingByCode.get(code);
  if (known === undefined) {
    const parsed = parseIndustryCode(code);
    known = parsed.ok && parsed.value.section.letter === 'C';
    if (manufacturingByCode.size >= 4096) manufacturingByCode.clear();
    manufacturingByCode.set(code, known);
  }
  return known;
}

export interface IndustryChain {
  code: string;
  name: string;
}

/**
 * The district's marker industry chains (上虞区 攻坚行动方案: 先进高分子材料 "万亩千亿" platform,
 * 新材料/现代医药/高端装备/电子信息, 半导体装备和材料, and the low-carbon industries 氢能、光伏、
 * 节能环保装备、新能源). Reference data: the database copy is what ADMIN edits; this is its seed.
 */
export const INDUSTRY_CHAINS: readonly IndustryChain[] = [
  { code: 'ADVANCED_POLYMER', name: '新材料（先进高分子材料）' },
  { code: 'MODERN_MEDICINE', name: '现代医药' },
  { code: 'HIGH_END_EQUIPMENT', name: '高端装备' },
  { code: 'ELECTRONIC_INFORMATION', name: '电子信息' },
  { code: 'SEMICONDUCTOR_EQUIPMENT', name: '半导体装备和材料' },
  { code: 'HYDROGEN', name: '氢能' },
  { code: 'PHOTOVOLTAIC', name: '光伏' },
  { code: 'ENERGY_SAVING', name: '节能环保' },
  { code: 'NEW_ENERGY', name: '新能源' },
];

export function industryChainName(code: string): string | undefined {
  return INDUSTRY_CHAINS.find((c) => c.code === code)?.name;
}
