import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The modules the worksheet loads besides the entry and its own chunk, left to themselves in seven
// chunks (Yjs, zod, the coding and theme models...), all asked for at once on the worksheet's first
// load: with HTTP/1.1's six connections per host and the page's three data requests, the last
// chunks queued behind the first ones. One chunk for them all.
const WORKSHEET_DEPS = /\/node_modules\/(zod|yjs|lib0|y-protocols|y-websocket)\/|\/shared\/(coding|themes|transcript|reconcile\/codebookMap|access|randomId|docNames|protocol|domain)\b|\/client\/src\/collab\/|\/client\/src\/workspace\/(useDoc|useThemeTree|useTranscript|segments|colors)\./;

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  // The manifest lists each chunk's imports: bench/clientBundle.ts sums what a page loads from it.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    manifest: true,
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'worksheet-deps', includeDependenciesRecursively: false, test: (id: string) => WORKSHEET_DEPS.test(id.replaceAll('\\', '/')) }] } } },
  },
  server: {
    port: 5173,
    // The client imports ../shared (pure domain code).
    fs: { allow: ['..'] },
    proxy: {
      '/api': 'http://localhost:3000',
      '/collab': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
