#!/usr/bin/env node
/**
 * Fails when src/__generated__ is not what `npm run codegen` makes from schema.graphql: regenerates, compares,
 * and restores the committed files either way (so the check changes nothing).
 */
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const files = ['src/__generated__/resolvers-types.ts'];
const before = files.map((f) => readFileSync(join(root, f), 'utf8'));
try {
  execFileSync('npx', ['graphql-codegen', '--config', 'codegen.yml', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const stale = files.filter((f, i) => readFileSync(join(root, f), 'utf8') !== before[i]);
  if (stale.length) {
    console.error(`Generated code is stale: ${stale.join(', ')}. Run \`npm run codegen\` and commit the result.`);
    process.exitCode = 1;
  } else {
    console.log('Generated code is current.');
  }
} finally {
  files.forEach((f, i) => writeFileSync(join(root, f), before[i]));
}
