// The Mini App, built twice: for Zalo (build/web/miniapp) and for tests and desktop demos
// (`--mode test`, build/web/miniapp-test), where src/zalo.js takes the tokens a test injects.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../build/web/', import.meta.url));

export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [react()],
  build: {
    // LASO_WEB_OUT_DIR: the build tree's web/ (tools/lib/deps.sh sets it).
    outDir: (process.env.LASO_WEB_OUT_DIR || root) + (mode === 'test' ? 'miniapp-test' : 'miniapp'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  // zmp-sdk answers with canned values only on the host localhost: serve the dev build there.
  server: { host: 'localhost', port: 3000, strictPort: true },
}));
