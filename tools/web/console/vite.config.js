// The console is served by the gateway at /console/ (gateway.console_dir = build/web/console).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// LASO_WEB_OUT_DIR: the build tree's web/ (tools/lib/deps.sh sets it), else ../../../build/web/.
const out = (process.env.LASO_WEB_OUT_DIR || fileURLToPath(new URL('../../../build/web/', import.meta.url))) + 'console';

export default defineConfig({
  base: '/console/',
  build: {
    outDir: out,
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    port: 5173,
    proxy: { '/v1': process.env.LASO_GATEWAY || 'http://127.0.0.1:8080' },
  },
});
