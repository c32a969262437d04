import { describe, expect, it, vi } from 'vitest';
import { LoginDocument, ViewerDocument, type LoginMutation } from '@/gql/graphql';
import LoginPage from '@/pages/LoginPage.vue';
import { expectOperation } from './support/apollo.js';
import { viewer } from './support/factories.js';
import { mountWithApollo, settle } from './support/mount.js';

function loginResult(payload: Partial<LoginMutation['login']>): LoginMutation {
  return { __typename: 'Mutation', login: { __typename: 'LoginPayload', viewer: null, errors: [], ...payload } };
}

async function fillAndSubmit(wrapper: Awaited<ReturnType<typeof mountWithApollo>>['wrapper'], username: string, password: string) {
  await wrapper.find('input[name="username"]').setValue(username);
  await wrapper.find('input[name="password"]').setValue(password);
  await wrapper.find('form').trigger('submit');
  await settle(8);
}

describe('LoginPage', () => {
  it('asks for both fields in Chinese before sending anything', async () => {
    const { wrapper } = await mountWithApollo(LoginPage, { route: '/login' });
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => {
      const errors = wrapper.findAll('.el-form-item__error').map((e) => e.text());
      expect(errors).toEqual(['请输入用户名', '请输入密码']);
    });
  });

  it('shows the server’s message when the credentials are wrong', async () => {
    const wrong = loginResult({ errors: [{ __typename: 'UserError', code: 'VALIDATION', field: null, message: '用户名或密码错误' }] });
    const { wrapper, router } = await mountWithApollo(LoginPage, {
      route: '/login',
      mocks: [expectOperation(LoginDocument, { username: 'zhang', password: 'bad' }, wrong)],
    });
    await fillAndSubmit(wrapper, ' zhang ', 'bad');
    expect(wrapper.find('[data-test="login-error"]').text()).toContain('用户名或密码错误');
    expect(router.currentRoute.value.name).toBe('login');
  });

  it('remembers the viewer and returns to the page that needed a login', async () => {
    const signedIn = loginResult({ viewer: viewer('UNIT') });
    const { wrapper, router, client } = await mountWithApollo(LoginPage, {
      route: '/login?redirect=/projects?light=RED',
      mocks: [expectOperation(LoginDocument, { username: 'unit1', password: 'secret' }, signedIn)],
    });
    const push = vi.spyOn(router, 'replace').mockResolvedValue(undefined);
    await fillAndSubmit(wrapper, 'unit1', 'secret');
    expect(push).toHaveBeenCalledWith('/projects?light=RED');
    expect(client.readQuery({ query: ViewerDocument })?.viewer?.user.role).toBe('UNIT');
  });

  it('ignores a redirect to another site', async () => {
    const { wrapper, router } = await mountWithApollo(LoginPage, {
      route: '/login?redirect=//evil.example/x',
      mocks: [expectOperation(LoginDocument, { username: 'a', password: 'b' }, loginResult({ viewer: viewer('OWNER') }))],
    });
    const push = vi.spyOn(router, 'replace').mockResolvedValue(undefined);
    await fillAndSubmit(wrapper, 'a', 'b');
    expect(push).toHaveBeenCalledWith('/');
  });
});
