import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');
const KIND_FILE = join(root, 'src', 'restoreJobs', 'RestoreJobKind.ts');

/**
 * What adding a kind takes, proven by the compiler: the project is type-checked (in memory, nothing written) with a
 * sixth value added to RestoreJobKind, and every file the compiler then points at is a place a new kind must be
 * declared. The list below is the whole list: a per-kind table that is not a `Record<RestoreJobKind, …>` would not
 * show up here, and a new table that is would, so either change makes this test fail until the list is updated.
 */
describe('adding a kind: the compiler points at every place it must be declared', () => {
  it('type-checks the project with a sixth kind and lists the files with errors', () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (!config) throw new Error('tsconfig.json did not parse');
    const original = readFileSync(KIND_FILE, 'utf8');
    const grown = original.replace("'CLOUD_BACKUP'] as const", "'CLOUD_BACKUP', 'SIXTH_KIND'] as const");
    expect(grown).not.toBe(original);
    const host = ts.createCompilerHost(config.options);
    const readFile = host.readFile.bind(host);
    host.readFile = (file) => (file === KIND_FILE ? grown : readFile(file));
    const program = ts.createProgram({ rootNames: config.fileNames, options: { ...config.options, noEmit: true }, host });
    const files = [
      ...new Set(
        ts
          .getPreEmitDiagnostics(program)
          .filter((d) => d.file !== undefined)
          .map((d) => relative(root, d.file!.fileName)),
      ),
    ].sort();
    expect(files).toEqual([...EXPECTED].sort());
  }, 120_000);
});

/** Where a sixth kind is declared, besides its own folder (src/restoreJobs/<kind>/) and schema.graphql. */
const EXPECTED: string[] = [
  // the project view's cursor: each kind's one-letter code
  'src/restoreJobs/project/cursor.ts',
  // the model union of every kind (its check that each kind has a model)
  'src/restoreJobs/RestoreJobModel.ts',
  // the registry: one line per kind
  'src/restoreJobs/sources.ts',
  // which snapshot list holds the snapshots of the clusters a kind serves (or none, for a retired API)
  'src/clusters/snapshots/SnapshotReader.ts',
  // the simulator's records for the kind: its behaviour (kinds/index.ts), where a seeded cluster keeps its jobs
  // (SeedData.ts, clusterJobs.ts), and the demo cluster of each kind that the banner names (demoSeed.ts)
  'src/simulator/SeedData.ts',
  'src/simulator/clusterJobs.ts',
  'src/simulator/demoSeed.ts',
  'src/simulator/kinds/index.ts',
  // the tests' own knowledge of each kind, written independently of src/: the spec schema, paths and media types,
  // and the test seeds' cluster of each kind
  'test/contract/specSchemas.ts',
  'test/support/kinds.ts',
  'test/support/seeds/edgeCases.ts',
  'test/support/seeds/otherProject.ts',
  // a test whose expectations are a per-kind table
  'test/integration/routing.test.ts',
];
