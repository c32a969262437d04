import { describe, expect, it, vi } from 'vitest';
import { ChangePasswordDocument, type ChangePasswordMutation, type UserErrorFieldsFragment } from '@/gql/graphql';
import ChangePasswordDialog from '@/features/auth/components/ChangePasswordDialog.vue';
import { expectOperation } from './support/apollo.js';
import { dialogField, clickAndSettle, typeInto } from './support/dialog.js';
import { mountWithApollo } from './support/mount.js';

const field = dialogField;
const type = typeInto;
const save = () => clickAndSettle('[data-test="password-submit"]');

const errorOf = (label: string) => field(label).querySelector('.el-form-item__error')?.textContent?.trim();

function answer(errors: UserErrorFieldsFragment[]): ChangePasswordMutation {
  return { __typename: 'Mutation', changePassword: { __typename: 'UserPayload', user: errors.length ? null : { __typename: 'User', id: 'u1' }, errors } };
}

describe('修改密码', () => {
  it('checks the new password in Chinese before sending anything', async () => {
    await mountWithApollo(ChangePasswordDialog, { props: { open: true } });
    await vi.waitFor(() => expect(document.body.querySelector('.el-dialog')?.textContent).toContain('修改密码'));
    await type('原密码', 'Old12345');
    await type('新密码', 'abcdefgh');
    await type('确认新密码', 'abcdefgx');
    await save();
    await vi.waitFor(() => expect(errorOf('新密码')).toBe('密码须同时包含字母和数字'));
    expect(errorOf('确认新密码')).toBe('两次输入的新密码不一致');
    await type('新密码', 'Old12345');
    await save();
    await vi.waitFor(() => expect(errorOf('新密码')).toBe('新密码不能与原密码相同'));
    // Nothing was sent: the mock client would have answered an unexpected operation with an error.
    expect(document.body.querySelector('.el-dialog .el-alert')).toBeNull();
  });

  it('shows the server’s refusal of the old password on its field and stays open', async () => {
    const { wrapper } = await mountWithApollo(ChangePasswordDialog, {
      props: { open: true },
      mocks: [expectOperation(ChangePasswordDocument, { oldPassword: 'Wrong123', newPassword: 'Newpass2027' }, answer([{ __typename: 'UserError', code: 'VALIDATION', field: 'oldPassword', message: '原密码不正确' }]))],
    });
    await vi.waitFor(() => expect(document.body.querySelector('.el-dialog')).not.toBeNull());
    await type('原密码', 'Wrong123');
    await type('新密码', 'Newpass2027');
    await type('确认新密码', 'Newpass2027');
    await save();
    await vi.waitFor(() => expect(errorOf('原密码')).toBe('原密码不正确'));
    expect(wrapper.emitted('update:open')).toBeUndefined();
  });

  it('sends the passwords as typed and closes when the server accepts', async () => {
    const { wrapper } = await mountWithApollo(ChangePasswordDialog, {
      props: { open: true },
      mocks: [expectOperation(ChangePasswordDocument, { oldPassword: ' Old12345', newPassword: 'Newpass2027 ' }, answer([]))],
    });
    await vi.waitFor(() => expect(document.body.querySelector('.el-dialog')).not.toBeNull());
    await type('原密码', ' Old12345');
    await type('新密码', 'Newpass2027 ');
    await type('确认新密码', 'Newpass2027 ');
    await save();
    await vi.waitFor(() => expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false]));
  });
});
