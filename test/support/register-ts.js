/**
 * Runs the TypeScript sources in a child process (the two-replica test starts `src/index.ts` twice), compiled on load
 * the way jest compiles them (@swc/core, CommonJS), through pirates' require hook.
 * NOTE: not @swc-node/register or tsx: both bring native binaries of their own, and this registry lacks some
 * platform builds; @swc/core is already pinned for jest.
 */
const { addHook } = require('pirates');
const { transformSync } = require('@swc/core');

addHook(
  (code, filename) =>
    transformSync(code, {
      filename,
      sourceMaps: 'inline',
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
    }).code,
  { exts: ['.ts'], ignoreNodeModules: true },
);
