import { createApp } from 'vue';
import { DefaultApolloClient } from '@vue/apollo-composable';
import 'element-plus/theme-chalk/base.css';
import './styles/global.css';
import App from './App.vue';
import { createApolloClient } from './shared/apollo/client.js';
import { handleUnauthenticated } from './shared/apollo/unauthenticated.js';
import { createAppRouter } from './router/index.js';

// The client and the router need each other: a lost session redirects through the router,
// and the router's guard asks the client who is signed in.
const client = createApolloClient({ onUnauthenticated: handleUnauthenticated(() => client, () => router) });
const router = createAppRouter(client);

createApp(App).provide(DefaultApolloClient, client).use(router).mount('#app');
