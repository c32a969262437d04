/**
 * Input checks that collect every problem of a form at once, each with its field path and a
 * Chinese message, then throw one DomainError (so the mutation answers `{ errors }` and writes
 * nothing). Domain rules come from ../domain; this file only adapts them to input fields.
 */
import { DomainError, userError, type UserError } from '../graphql/errors.js';
import { isValidCalendarDate, today } from '../domain/dates.js';
import { validateUscc } from '../domain/uscc.js';
import { validateIndustryCode } from '../domain/industry.js';
import { isId } from './records.js';

export class Checks {
  readonly errors: UserError[] = [];
  constructor(private readonly prefix = 'input') {}

  private path(field: string) {
    return this.prefix ? `${this.prefix}.${field}` : field;
  }

  add(field: string | null, message: string, code: UserError['code'] = 'VALIDATION'): this {
    this.errors.push(userError(code, message, field === null ? null : this.path(field)));
    return this;
  }

  /** Trimmed text; returns the clean value (undefined when absent and optional). */
  text(field: string, value: string | null | undefined, label: string, opts: { required?: boolean; max?: number } = {}): string | null | undefined {
    if (value === undefined) {
      if (opts.required) this.add(field, `请填写${label}`);
      return undefined;
    }
    const clean = value === null ? null : value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
    if (!clean) {
      if (opts.required) this.add(field, `请填写${label}`);
      return null;
    }
    if (clean.length > (opts.max ?? 200)) this.add(field, `${label}不能超过${opts.max ?? 200}个字符`);
    return clean;
  }

  date(field: string, value: string | null | undefined, label: string, opts: { required?: boolean; notFuture?: boolean; now?: Date } = {}): string | null | undefined {
    if (value === undefined || value === null) {
      if (opts.required) this.add(field, `请填写${label}`);
      return value;
    }
    if (!isValidCalendarDate(value)) {
      this.add(field, `${label}不是有效日期`);
      return undefined;
    }
    if (opts.notFuture && value > today(opts.now)) this.add(field, `${label}不能晚于今天`);
    return value;
  }

  amount(field: string, value: number | null | undefined, label: string, opts: { required?: boolean } = {}): number | null | undefined {
    if (value === undefined || value === null) {
      if (opts.required) this.add(field, `请填写${label}`);
      return value;
    }
    if (!Number.isSafeInteger(value) || value < 0) this.add(field, `${label}应为非负整数（元）`);
    return value;
  }

  uscc(field: string, value: string | null | undefined): string | null | undefined {
    if (value === undefined || value === null || value.trim() === '') return value === undefined ? undefined : null;
    const r = validateUscc(value);
    if (!r.ok) {
      this.add(field, r.message);
      return undefined;
    }
    return r.value;
  }

  industry(field: string, value: string | null | undefined, opts: { required?: boolean } = {}): string | null | undefined {
    if (value === undefined || value === null || value.trim() === '') {
      if (opts.required) this.add(field, '请填写国民经济行业代码');
      return value === undefined ? undefined : null;
    }
    const e = validateIndustryCode(value.trim());
    if (e) this.add(field, e.message);
    return value.trim().toUpperCase();
  }

  id(field: string, value: string | null | undefined, label: string, opts: { required?: boolean } = {}): string | null | undefined {
    if (value === undefined || value === null) {
      if (opts.required) this.add(field, `请选择${label}`);
      return value;
    }
    if (!isId(value)) this.add(field, `${label}不存在`, 'NOT_FOUND');
    return value;
  }

  throwIfAny(): void {
    if (this.errors.length) throw new DomainError(this.errors);
  }
}
