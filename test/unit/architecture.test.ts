import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import madge from 'madge';

const root = join(__dirname, '..', '..');

/** One rule violation, as dependency-cruiser reports it. */
interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/**
 * The floors of the architecture (README, "Architecture"), checked with maintained tools rather than hoped for:
 * dependency-cruiser's rules in .dependency-cruiser.cjs (no cycles; the domain never reaches graphql, Apollo or the
 * GraphQL edge, type imports included; config.ts imports nothing; the simulator is an independent oracle), madge's
 * cycle search as the issue states it, and the size of hand-written files.
 */
describe('architecture', () => {
  it('dependency-cruiser finds no violation of .dependency-cruiser.cjs', () => {
    const out = execFileSync(join(root, 'node_modules', '.bin', 'depcruise'), ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(out) as { summary: { violations: Violation[]; totalCruised: number } };
    expect(report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
    // The rules ran over the whole of src/, not an empty set.
    expect(report.summary.totalCruised).toBeGreaterThan(100);
  }, 60_000);

  it('madge --circular --extensions ts src finds no cycle', async () => {
    const result = await madge(join(root, 'src'), { fileExtensions: ['ts'], tsConfig: join(root, 'tsconfig.json') });
    expect(result.circular()).toEqual([]);
    expect(Object.keys(result.obj()).length).toBeGreaterThan(100);
  }, 60_000);

  it('no hand-written source file is over 500 lines', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src', 'test', 'bench', 'scripts'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.(ts|js|cjs)$/.test(f) && !f.includes('__generated__/'));
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((f) => ({ f, lines: readFileSync(join(root, f), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 500)
      .map(({ f, lines }) => `${f}: ${lines}`);
    expect(long).toEqual([]);
  });
});
