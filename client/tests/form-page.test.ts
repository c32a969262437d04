import { describe, expect, it } from 'vitest';
import { h } from 'vue';
import FormPage from '@/shared/ui/FormPage.vue';
import { mountWithApollo } from './support/mount.js';

describe('FormPage', () => {
  it('frames the form with its title and error, and 保存 asks the page to submit', async () => {
    const { wrapper } = await mountWithApollo(FormPage, { props: { title: '新建线索', formError: '编号已存在', loading: false } });
    expect(wrapper.find('h1').text()).toBe('新建线索');
    expect(wrapper.text()).toContain('编号已存在');
    const save = wrapper.findAll('button').find((b) => b.text() === '保存')!;
    await save.trigger('click');
    expect(wrapper.emitted('submit')).toHaveLength(1);
    wrapper.unmount();
  });

  it('shows the form given to it and no error box without an error', async () => {
    const { wrapper } = await mountWithApollo({ render: () => h(FormPage, { title: '新建项目（已签约）' }, { default: () => h('form', { class: 'the-form' }) }) });
    expect(wrapper.find('.the-form').exists()).toBe(true);
    expect(wrapper.find('.el-alert').exists()).toBe(false);
    wrapper.unmount();
  });
});
