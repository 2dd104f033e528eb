import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

// Tests run on the TypeScript sources: workspace packages resolve to src/, no build step.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@actorpair\/core$/, replacement: src('core/src/index.ts') },
      { find: /^@actorpair\/core\/internal$/, replacement: src('core/src/internal.ts') },
      { find: /^@actorpair\/core\/messageManager$/, replacement: src('core/src/messageManager/index.ts') },
      { find: /^@actorpair\/process-actors$/, replacement: src('process-actors/src/index.ts') },
      { find: /^@actorpair\/process-actors\/child$/, replacement: src('process-actors/src/child.ts') },
      { find: /^@actorpair\/window-actors$/, replacement: src('window-actors/src/index.ts') },
      { find: /^@actorpair\/window-actors\/frame$/, replacement: src('window-actors/src/frame.ts') },
      { find: /^@actorpair\/channels$/, replacement: src('channels/src/index.ts') },
      { find: /^@actorpair\/channels\/hub$/, replacement: src('channels/src/hub.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['packages/*/test/**/*.test-d.ts'], tsconfig: 'tsconfig.json' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
