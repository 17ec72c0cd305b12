#!/usr/bin/env node
/**
 * Fails when generated code is not what `npm run codegen` makes: src/__generated__ from schema.graphql (graphql-codegen),
 * and src/atlas/__generated__ from the Atlas OpenAPI contract (scripts/generate-wire-types.js). Regenerates, compares,
 * and restores the committed files either way (so the check changes nothing).
 */
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const wireTypes = require('./generate-wire-types');

const root = join(__dirname, '..');

async function main() {
  const stale = [];

  const files = ['src/__generated__/resolvers-types.ts'];
  const before = files.map((f) => readFileSync(join(root, f), 'utf8'));
  try {
    execFileSync('npx', ['graphql-codegen', '--config', 'codegen.yml', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    stale.push(...files.filter((f, i) => readFileSync(join(root, f), 'utf8') !== before[i]));
  } finally {
    files.forEach((f, i) => writeFileSync(join(root, f), before[i]));
  }

  // The wire types are generated in memory and compared; the committed files are never touched.
  for (const target of wireTypes.TARGETS) {
    let committed = null;
    try {
      committed = readFileSync(join(root, target.outputFile), 'utf8');
    } catch {
      // missing: stale
    }
    if ((await wireTypes.generateWireTypes(target)) !== committed) stale.push(target.outputFile);
  }

  if (stale.length) {
    console.error(`Generated code is stale: ${stale.join(', ')}. Run \`npm run codegen\` and commit the result.`);
    process.exitCode = 1;
  } else {
    console.log('Generated code is current.');
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
