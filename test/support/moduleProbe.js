// Preloaded into a gateway process by a test (NODE_OPTIONS=--require …): at exit, prints how many modules of
// src/simulator/ the process loaded.
process.on('exit', () => {
  const loaded = Object.keys(require.cache).filter((file) => /[\\/]src[\\/]simulator[\\/]/.test(file)).length;
  require('node:fs').writeSync(1, `\nsimulator modules loaded: ${loaded}\n`);
});
