import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vite';
import { districtMap } from './build/district-map.js';

const api = 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components and their CSS are imported where used, so the login page
    // does not pay for the table, date picker and dialog code.
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: 'src/components.d.ts',
      dirs: [],
    }),
    districtMap({
      sourceFile: 'geojson/shape-with-internal-borders/zhe4_jiang1_shao4_xing1.geojson',
      adcodes: ['330604'],
      outputName: 'shangyu.geojson',
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/graphql': api,
      '/api': api,
      '/healthz': api,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // Read by scripts/bundle-size.mjs to report what the first pages download.
    manifest: true,
  },
});
