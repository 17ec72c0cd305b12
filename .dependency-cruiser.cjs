/**
 * The architecture, checked (`npm run check:architecture`, run by test/architecture.test.ts): the floors of README's
 * "Architecture" section as rules. Type-only imports count (tsPreCompilationDeps), and "reachable" rules follow
 * imports through every other file, so a floor cannot be crossed by way of a third module.
 */
const DOMAIN = '^src/(atlas|restoreJobs|clusters|watch)/';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No module reaches itself.', from: {}, to: { circular: true } },
    {
      name: 'domain-not-to-graphql',
      severity: 'error',
      comment: 'The domain (atlas/, restoreJobs/, clusters/, watch/) never reaches graphql or Apollo, directly or through another file.',
      from: { path: DOMAIN },
      to: { path: '(^|/)node_modules/(graphql|graphql-[^/]+|@apollo/[^/]+|@graphql-[^/]+/[^/]+)/', reachable: true },
    },
    {
      name: 'domain-not-to-edge',
      severity: 'error',
      comment: 'The domain never reaches the GraphQL edge (resolvers, generated resolver types, errors.ts, context, HTTP, limits, server).',
      from: { path: DOMAIN },
      to: { path: '^src/(resolvers/|__generated__/|errors\\.ts$|context\\.ts$|server\\.ts$|schema\\.ts$|index\\.ts$|http/|limits/|observability/)', reachable: true },
    },
    {
      name: 'config-imports-nothing',
      severity: 'error',
      comment: 'config.ts owns every config type and default and imports nothing from the rest of src/ but its environment readers, which import nothing.',
      from: { path: '^src/config(Readers)?\\.ts$' },
      to: { path: '^src/', pathNot: '^src/configReaders\\.ts$' },
    },
    {
      name: 'watch-not-to-ws',
      severity: 'error',
      comment: 'The watch (shared polls, the Redis lease) knows no WebSocket: the graphql-ws server lives in http/.',
      from: { path: '^src/watch/' },
      to: { path: '(^|/)node_modules/(ws|graphql-ws)/', reachable: true },
    },
    {
      name: 'simulator-is-an-oracle',
      severity: 'error',
      comment: 'The simulator never derives paths or shapes from the gateway: from src/ it takes only the kind names and the spec\'s generated wire types.',
      from: { path: '^src/simulator/' },
      to: { path: '^src/', pathNot: '^src/(simulator/|restoreJobs/RestoreJobKind\\.ts$|atlas/wire\\.ts$|atlas/__generated__/)' },
    },
    {
      name: 'only-index-starts-the-simulator',
      severity: 'error',
      comment: 'Demo mode is chosen in src/index.ts; nothing else in the gateway knows the simulator.',
      from: { path: '^src/', pathNot: '^src/(index\\.ts$|simulator/)' },
      to: { path: '^src/simulator/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
  },
};
