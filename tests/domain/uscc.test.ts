import { describe, expect, it } from 'vitest';
import { isValidUscc, normalizeUscc, organizationCodeCheckDigit, usccCheckDigit, validateUscc } from '../../api/src/domain/uscc.js';

/**
 * Published codes of well-known enterprises; each passes both check digits by computation
 * (see the worked example for Huawei below), which a wrong memory would fail 340 times in 341.
 */
const REAL = [
  '91330100799655058B', // 阿里巴巴(中国)有限公司
  '914403001922038216', // 华为技术有限公司
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '91110108551385082Q', // 小米科技有限责任公司
  '91110000802100433B', // 北京百度网讯科技有限公司
  '91110000710925462X', // 中国石油天然气股份有限公司 (18th char X)
];

describe('validateUscc: valid codes', () => {
  it.each(REAL)('%s is valid', (code) => {
    expect(validateUscc(code)).toMatchObject({ ok: true, value: code });
  });

  it('works the 18th check digit by hand (华为 914403001922038216)', () => {
    // chars:   9  1  4   4  0  3  0  0  1  9  2  2 0  3  8  2  1
    // weights: 1  3  9  27 19 26 16 17 20 29 25 13 8 24 10 30 28   (3^(i−1) mod 31)
    // products: 9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 = 831
    // 831 mod 31 = 831 − 806 = 25; 31 − 25 = 6 → '6'
    expect(usccCheckDigit('91440300192203821')).toBe('6');
  });

  it('works the organisation-code check digit by hand (19220382-1)', () => {
    // 1·3 + 9·7 + 2·9 + 2·10 + 0·5 + 3·8 + 8·4 + 2·2 = 3+63+18+20+0+24+32+4 = 164
    // 164 mod 11 = 10; 11 − 10 = 1 → '1'
    expect(organizationCodeCheckDigit('19220382')).toBe('1');
  });

  it('handles an organisation code whose check digit is X (国家电网 71093123-X)', () => {
    // 7·3 + 1·7 + 0·9 + 9·10 + 3·5 + 1·8 + 2·4 + 3·2 = 21+7+0+90+15+8+8+6 = 155
    // 155 mod 11 = 1; 11 − 1 = 10 → 'X'
    expect(organizationCodeCheckDigit('71093123')).toBe('X');
    expect(validateUscc('9111000071093123XX')).toMatchObject({ ok: true, organizationCode: '71093123X' });
  });

  it('maps 11 to 0 in the organisation-code check', () => {
    // '00000000': Σ = 0, 0 mod 11 = 0, 11 − 0 = 11 → '0'
    expect(organizationCodeCheckDigit('00000000')).toBe('0');
  });

  it('maps a remainder of 0 to check character 0 (synthetic code)', () => {
    // '91330602' + organisation code '00000000' + '0' (its check digit, above):
    // 9·1 + 1·3 + 3·9 + 3·27 + 0·19 + 6·26 + 0·16 + 2·17 = 9+3+27+81+0+156+0+34 = 310 = 31 × 10
    // 310 mod 31 = 0; 31 − 0 = 31 → 0 → '0'
    expect(usccCheckDigit('91330602000000000')).toBe('0');
    expect(isValidUscc('913306020000000000')).toBe(true);
  });

  it('normalises case and spaces and reports the parts', () => {
    expect(normalizeUscc(' 9133 0100-7996 5505 8b ')).toBe('91330100799655058B');
    expect(validateUscc('9133 0100 7996 5505 8b')).toEqual({
      ok: true,
      value: '91330100799655058B',
      authority: '工商(市场监管)',
      category: '企业',
      regionCode: '330100',
      organizationCode: '799655058',
    });
  });
});

describe('validateUscc: invalid codes', () => {
  const fails = (code: string | null) => {
    const r = validateUscc(code);
    if (r.ok) throw new Error(`expected ${code} to be invalid`);
    return r;
  };

  it('requires a value and 18 characters', () => {
    expect(fails('').code).toBe('USCC_REQUIRED');
    expect(fails(null).code).toBe('USCC_REQUIRED');
    expect(fails('91440300192203821')).toEqual({ ok: false, code: 'USCC_LENGTH', message: '统一社会信用代码应为18位（当前17位）' });
    expect(fails('9144030019220382166').code).toBe('USCC_LENGTH');
  });

  it('rejects I, O, S, V, Z and other characters', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z', '*']) {
      expect(fails(`91440300192203821${bad}`).code).toBe('USCC_CHARSET');
    }
  });

  it('checks the authority and category codes', () => {
    expect(fails('B14403001922038216').code).toBe('USCC_AUTHORITY'); // B is in the charset but no authority
    expect(fails('944403001922038216').code).toBe('USCC_CATEGORY'); // 工商 has categories 1–3 only
    expect(fails('Y24403001922038216').code).toBe('USCC_CATEGORY'); // 其他 has category 1 only
  });

  it('requires a 6-digit region code', () => {
    expect(fails('9144A3001922038216').code).toBe('USCC_REGION');
  });

  it('detects a wrong organisation-code check digit even when the 18th digit is consistent', () => {
    // Huawei with position 17 changed 1 → 2: Σ grows by 1 × 28 to 859; 859 mod 31 = 22;
    // 31 − 22 = 9, so '…229' has a right 18th digit but a wrong organisation-code digit.
    expect(usccCheckDigit('91440300192203822')).toBe('9');
    expect(fails('914403001922038229')).toEqual({ ok: false, code: 'USCC_ORG_CHECK_DIGIT', message: '第9–17位组织机构代码校验位错误' });
  });

  it('detects a wrong 18th digit', () => {
    expect(fails('914403001922038217')).toEqual({ ok: false, code: 'USCC_CHECK_DIGIT', message: '校验位错误（第18位）' });
    expect(fails('91330100799655058C').code).toBe('USCC_CHECK_DIGIT');
  });

  it('detects a typo in the middle (one digit changed)', () => {
    // Alibaba with region 330100 → 330101: the 18th digit no longer matches.
    expect(isValidUscc('91330101799655058B')).toBe(false);
  });
});
