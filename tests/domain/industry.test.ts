import { describe, expect, it } from 'vitest';
import { INDUSTRY_CHAINS, industryChainName, isManufacturing, parseIndustryCode, validateIndustryCode } from '../../api/src/domain/industry.js';

describe('parseIndustryCode', () => {
  it('accepts a class with or without its section letter', () => {
    expect(parseIndustryCode('C2614')).toMatchObject({ ok: true, value: { code: 'C2614', division: 26, level: 'CLASS' } });
    expect(parseIndustryCode('2614')).toMatchObject({ ok: true, value: { code: 'C2614', level: 'CLASS' } });
    expect(parseIndustryCode(' c261 ')).toMatchObject({ ok: true, value: { code: 'C261', level: 'GROUP' } });
    expect(parseIndustryCode('26')).toMatchObject({ ok: true, value: { code: 'C26', level: 'DIVISION' } });
    expect(parseIndustryCode('C')).toMatchObject({ ok: true, value: { code: 'C', division: null, level: 'SECTION' } });
    expect(parseIndustryCode('0511')).toMatchObject({ ok: true, value: { code: 'A0511' } });
  });

  it('rejects bad shapes, unknown divisions and a wrong letter', () => {
    expect(validateIndustryCode('26145')?.code).toBe('INDUSTRY_CODE_FORMAT');
    expect(validateIndustryCode('CC')?.code).toBe('INDUSTRY_CODE_FORMAT');
    expect(validateIndustryCode('')?.code).toBe('INDUSTRY_CODE_FORMAT');
    expect(validateIndustryCode('2')?.code).toBe('INDUSTRY_CODE_FORMAT');
    expect(validateIndustryCode('98')?.code).toBe('INDUSTRY_CODE_UNKNOWN_DIVISION');
    expect(validateIndustryCode('00')?.code).toBe('INDUSTRY_CODE_UNKNOWN_DIVISION');
    expect(validateIndustryCode('C12')?.code).toBe('INDUSTRY_CODE_SECTION_MISMATCH'); // 12 is mining (B)
    expect(validateIndustryCode('C2614')).toBeNull();
  });
});

describe('isManufacturing = section C = divisions 13–43', () => {
  it.each([
    ['12', false], // B 采矿业, last division before C
    ['13', true], // C first division (农副食品加工业)
    ['C2614', true],
    ['43', true], // C last division (金属制品、机械和设备修理业)
    ['4300', true],
    ['44', false], // D 电力
    ['D4411', false],
    ['C', true],
    ['B', false],
  ])('%s → %s', (code, expected) => {
    expect(isManufacturing(code)).toBe(expected);
  });

  it('is false for missing or invalid codes', () => {
    expect(isManufacturing(null)).toBe(false);
    expect(isManufacturing(undefined)).toBe(false);
    expect(isManufacturing('C0511')).toBe(false);
  });
});

describe('industry chains', () => {
  it('lists the district chains with unique codes', () => {
    expect(new Set(INDUSTRY_CHAINS.map((c) => c.code)).size).toBe(INDUSTRY_CHAINS.length);
    expect(industryChainName('HYDROGEN')).toBe('氢能');
    expect(industryChainName('NOPE')).toBeUndefined();
    expect(INDUSTRY_CHAINS.map((c) => c.name)).toContain('现代医药');
  });
});
