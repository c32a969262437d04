import { ApolloError } from '@apollo/client/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { describeError, errorCode } from '@/shared/apollo/errors.js';
import { mapUserErrors, submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

const gqlError = (code: string) => new ApolloError({ graphQLErrors: [new GraphQLError('english text', { extensions: { code } })] });

describe('describeError', () => {
  it('speaks Chinese by extensions.code, never by message', () => {
    expect(describeError(gqlError('FORBIDDEN'))).toBe('没有权限进行此操作');
    expect(describeError(gqlError('RATE_LIMITED'))).toBe('操作过于频繁，请稍后再试');
    expect(describeError(gqlError('SOMETHING_NEW'))).toBe('服务器出错，请稍后重试');
  });

  it('recognises a network failure and a code inside an HTTP error body', () => {
    expect(describeError(new ApolloError({ networkError: new TypeError('Failed to fetch') }))).toBe('网络连接失败，请检查网络后重试');
    const withBody = Object.assign(new Error('400'), { result: { errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] } });
    expect(errorCode(new ApolloError({ networkError: withBody }))).toBe('BAD_USER_INPUT');
  });

  it('says plainly when the database is down or its disk is full (503/507 bodies too)', () => {
    const down = Object.assign(new Error('503'), { result: { errors: [{ extensions: { code: 'DATABASE_UNAVAILABLE' } }] } });
    expect(describeError(new ApolloError({ networkError: down }))).toBe('数据库暂时不可用，请稍后重试');
    expect(describeError(gqlError('STORAGE_FULL'))).toBe('服务器存储空间已满，本次修改未保存，请联系管理员');
  });
});

describe('mapUserErrors', () => {
  const err = (field: string | null, message: string) => ({ code: 'VALIDATION' as const, field, message });

  it('strips the input prefix and keeps the first message per field', () => {
    const mapped = mapUserErrors(
      [err('input.project.totalInvestment', '总投资必须大于0'), err('input.project.totalInvestment', '第二条'), err('input.project.site.lng', '经度超出范围')],
      'input.project.',
      ['totalInvestment', 'site.lng'],
    );
    expect(mapped.fields).toEqual({ totalInvestment: '总投资必须大于0', 'site.lng': '经度超出范围' });
    expect(mapped.general).toEqual([]);
  });

  it('keeps errors for fields the form does not show, and whole-request errors, as general messages', () => {
    const mapped = mapUserErrors([err('input.secret', '无此字段'), err(null, '版本冲突，请刷新后重试')], 'input.', ['name']);
    expect(mapped.fields).toEqual({});
    expect(mapped.general).toEqual(['无此字段', '版本冲突，请刷新后重试']);
  });
});

describe('submitPayload', () => {
  it('returns the payload when it has no errors, null otherwise, with the form filled', async () => {
    const form = useFormErrors('input.', ['name']);
    const ok = await submitPayload(form, async () => ({ errors: [], value: 1 }));
    expect(ok).toEqual({ errors: [], value: 1 });

    const failed = await submitPayload(form, async () => ({ errors: [{ code: 'CONFLICT' as const, field: 'input.name', message: '名称重复' }] }));
    expect(failed).toBeNull();
    expect(form.fieldErrors.name).toBe('名称重复');

    const thrown = await submitPayload(form, async () => {
      throw gqlError('FORBIDDEN');
    });
    expect(thrown).toBeNull();
    expect(form.fieldErrors.name).toBeUndefined();
    expect(form.formError.value).toBe('没有权限进行此操作');
  });
});
