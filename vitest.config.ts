import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/`, import.meta.url));

// Tests run against the TypeScript sources, so `pnpm test` needs no build step.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@fogbank\/asl\/arbitraries$/, replacement: `${src('asl')}arbitraries/index.ts` },
      { find: /^@fogbank\/(asl|lambda|dynamodb|server)$/, replacement: `${src('$1')}index.ts` },
      { find: /^fogbank$/, replacement: `${src('fogbank')}index.ts` },
    ],
  },
  test: {
    include: ['packages/*/{src,test}/**/*.test.ts', 'examples/*/**/*.test.{ts,mjs}'],
    testTimeout: 20_000,
  },
});
