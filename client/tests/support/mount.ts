import { mount, flushPromises, type ComponentMountingOptions } from '@vue/test-utils';
import { DefaultApolloClient } from '@vue/apollo-composable';
import type { MockedResponse } from '@apollo/client/testing/core';
import type { Component } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { routes } from '@/router/index.js';
import { createMockClient } from './apollo.js';

export interface MountOptions<C> {
  mocks?: readonly MockedResponse[];
  props?: ComponentMountingOptions<C>['props'];
  route?: string;
  stubs?: Record<string, boolean | Component>;
}

/** A memory router with the app's own routes, so links to unknown route names fail here too. */
export async function createTestRouter(path = '/'): Promise<Router> {
  const router = createRouter({ history: createMemoryHistory(), routes });
  // Page components load lazily; tests that only follow links never import them.
  await router.replace(path).catch(() => undefined);
  return router;
}

export async function mountWithApollo<C extends Component>(component: C, options: MountOptions<C> = {}) {
  const client = createMockClient(options.mocks ?? []);
  const router = await createTestRouter(options.route);
  const wrapper = mount(component as Component, {
    props: options.props as Record<string, unknown>,
    global: { plugins: [router], provide: { [DefaultApolloClient as symbol]: client }, stubs: options.stubs },
    attachTo: document.body,
  });
  await settle();
  return { wrapper, client, router };
}

/** Lets queries resolve and the DOM update (MockLink answers on a timer). */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
