import { defineConfig } from 'vite';

/**
 * Builds the page into `dist/` (`vite build examples/activity-page`). There is no React plugin:
 * Vite's own Oxc transform compiles the `.tsx` files with React's automatic JSX runtime, which is
 * all a production build needs (the plugin would add Fast Refresh for `vite dev`).
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: 'dist', emptyOutDir: true },
});
