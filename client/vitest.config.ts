import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.js';

/** Component and composable tests: happy-dom, run with `npx vitest run --root client`. */
export default mergeConfig(
  viteConfig,
  defineConfig({
    root: fileURLToPath(new URL('.', import.meta.url)),
    test: {
      name: 'client',
      include: ['tests/**/*.test.ts'],
      environment: 'happy-dom',
      setupFiles: ['tests/setup.ts'],
      css: false,
      // Element Plus component modules import their CSS; Vite must transform them (to nothing)
      // instead of Node loading .css files.
      server: { deps: { inline: ['element-plus'] } },
    },
  }),
);
