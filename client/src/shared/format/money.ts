/**
 * Money is integer yuan on the wire (`Long`); people read and type 万元 / 亿元.
 * Long may arrive as a number or a numeric string, so every reader accepts both.
 */
export type YuanValue = number | string | null | undefined;

const YI = 100_000_000;
const WAN = 10_000;

export function toYuan(value: YuanValue): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function decimals(n: number, max: number): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: max, minimumFractionDigits: 0 });
}

/** 50亿元, 1.23亿元, 3,500万元, 0.5万元; "—" when unknown. */
export function formatAmount(value: YuanValue): string {
  const yuan = toYuan(value);
  if (yuan === null) return '—';
  if (Math.abs(yuan) >= YI) return `${decimals(yuan / YI, 2)}亿元`;
  return `${decimals(yuan / WAN, 2)}万元`;
}

/** The number of 万元 as a table cell shows it under a "(万元)" heading. */
export function formatWan(value: YuanValue): string {
  const yuan = toYuan(value);
  return yuan === null ? '—' : decimals(yuan / WAN, 2);
}

/** A form's 万元 figure to integer yuan for the API; empty stays empty. */
export function wanToYuan(wan: number | null | undefined): number | null {
  if (wan === null || wan === undefined || !Number.isFinite(wan)) return null;
  return Math.round(wan * WAN);
}

/** Integer yuan to 万元 for pre-filling a form. */
export function yuanToWan(value: YuanValue): number | null {
  const yuan = toYuan(value);
  return yuan === null ? null : yuan / WAN;
}

const CURRENCY_NAMES: Record<string, string> = {
  USD: '美元',
  EUR: '欧元',
  JPY: '日元',
  HKD: '港元',
  GBP: '英镑',
  KRW: '韩元',
  SGD: '新加坡元',
  CNY: '人民币',
};

export function currencyName(code: string): string {
  return CURRENCY_NAMES[code.toUpperCase()] ?? code;
}

/** A foreign amount (integer units of its currency) in 万 of that currency: "1,500万美元". */
export function formatForeignAmount(amount: YuanValue, currency: string): string {
  const units = toYuan(amount);
  if (units === null) return '—';
  return `${decimals(units / WAN, 2)}万${currencyName(currency)}`;
}

/** Percentage with one decimal, e.g. 资金到位率; "—" when the base is zero or unknown. */
export function formatRatio(part: YuanValue, whole: YuanValue): string {
  const p = toYuan(part);
  const w = toYuan(whole);
  if (p === null || w === null || w === 0) return '—';
  return `${decimals((p / w) * 100, 1)}%`;
}
