/**
 * 统一社会信用代码 (USCC) per GB 32100-2015, with the organisation-code check of GB 11714.
 *
 *   pos 1      登记管理部门代码   (1 机构编制 … 9 工商/市场监管, A, N, Y)
 *   pos 2      机构类别代码       (valid values depend on pos 1)
 *   pos 3–8    登记管理机关行政区划码 (6 digits, GB/T 2260)
 *   pos 9–17   主体标识码 = 组织机构代码, whose 9th char is its own GB 11714 check digit
 *   pos 18     校验码: C18 = 31 − (Σ value(ci) × 3^(i−1) mod 31) mod 31, i = 1..17
 *
 * Charset: 0-9 and A-Z except I O S V Z (value 0..30 in that order).
 * Hand-written because the rule is 40 lines, the npm packages that do it are unmaintained and
 * none gives reasons in Chinese or checks the organisation-code digit.
 *
 * API: normalizeUscc, validateUscc (→ ok + parts | code + Chinese message), isValidUscc,
 * usccCheckDigit, organizationCodeCheckDigit.
 */

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights 3^(i−1) mod 31 for positions 1..17: 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, … */
const USCC_WEIGHTS = Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n));
/** GB 11714 weights for the 8 body characters of an organisation code. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** 登记管理部门 → { name, 机构类别 code → name } (GB 32100-2015 附录 A, incl. amendments A and N). */
export const USCC_AUTHORITIES: Readonly<Record<string, { name: string; categories: Record<string, string> }>> = {
  '1': { name: '机构编制', categories: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', categories: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    categories: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { name: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', categories: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地(大陆)代表机构', '9': '其他' } },
  '7': { name: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', categories: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商(市场监管)', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', categories: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', categories: { '1': '其他' } },
};

export type UsccErrorCode =
  | 'USCC_REQUIRED'
  | 'USCC_LENGTH'
  | 'USCC_CHARSET'
  | 'USCC_AUTHORITY'
  | 'USCC_CATEGORY'
  | 'USCC_REGION'
  | 'USCC_ORG_CHECK_DIGIT'
  | 'USCC_CHECK_DIGIT';

export type UsccValidation =
  | {
      ok: true;
      /** The normalised code (upper case, no spaces): store this one. */
      value: string;
      authority: string;
      category: string;
      regionCode: string;
      organizationCode: string;
    }
  | { ok: false; code: UsccErrorCode; message: string };

/** Trims, drops inner spaces and hyphens, upper-cases (people paste '9133 0100 …'). */
export function normalizeUscc(raw: string): string {
  return raw.replace(/[\s\u3000-]/g, '').toUpperCase();
}

function charValue(ch: string): number {
  return USCC_CHARSET.indexOf(ch);
}

/** The 18th character for the first 17 (which must be in the USCC charset). */
export function usccCheckDigit(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckDigit needs 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = charValue(first17[i]);
    if (v < 0) throw new RangeError(`Not a USCC character: ${first17[i]}`);
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * GB 11714 check character for an 8-character organisation-code body: C9 = 11 − (Σ ci·wi mod 11),
 * 10 → 'X', 11 → '0'; digits count as 0–9 and letters as A=10 … Z=35.
 */
export function organizationCodeCheckDigit(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError(`Not an organisation-code body: ${body8}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i];
    const v = ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    sum += v * ORG_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function fail(code: UsccErrorCode, message: string): UsccValidation {
  return { ok: false, code, message };
}

/** Validates (after normalizeUscc) and reports the first problem in reading order. */
export function validateUscc(raw: string | null | undefined): UsccValidation {
  const code = normalizeUscc(raw ?? '');
  if (code === '') return fail('USCC_REQUIRED', '请填写统一社会信用代码');
  if (code.length !== 18) return fail('USCC_LENGTH', `统一社会信用代码应为18位（当前${code.length}位）`);
  const bad = [...code].find((ch) => charValue(ch) < 0);
  if (bad !== undefined) {
    return fail('USCC_CHARSET', `统一社会信用代码含非法字符“${bad}”（只允许数字和除I、O、S、V、Z外的大写字母）`);
  }
  const authority = USCC_AUTHORITIES[code[0]];
  if (!authority) return fail('USCC_AUTHORITY', `第1位登记管理部门代码“${code[0]}”无效`);
  const category = authority.categories[code[1]];
  if (!category) return fail('USCC_CATEGORY', `第2位机构类别代码“${code[1]}”对登记管理部门“${authority.name}”无效`);
  const regionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode)) return fail('USCC_REGION', '第3–8位登记管理机关行政区划码应为6位数字');
  const organizationCode = code.slice(8, 17);
  if (organizationCodeCheckDigit(organizationCode.slice(0, 8)) !== organizationCode[8]) {
    return fail('USCC_ORG_CHECK_DIGIT', '第9–17位组织机构代码校验位错误');
  }
  if (usccCheckDigit(code.slice(0, 17)) !== code[17]) return fail('USCC_CHECK_DIGIT', '校验位错误（第18位）');
  return { ok: true, value: code, authority: authority.name, category, regionCode, organizationCode };
}

export function isValidUscc(raw: string | null | undefined): boolean {
  return validateUscc(raw).ok;
}
