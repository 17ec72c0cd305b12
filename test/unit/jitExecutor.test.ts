import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { jitGateway } from '../../src/http/jitExecutor';

/** The compiled executor's document cache, and its errors against graphql-js's, through a real Apollo Server. */
describe('jitGateway', () => {
  const schema = buildSchema('type Query { n(x: Int!): Int, boom: Int, list: [Int!] }');
  const fields = schema.getQueryType()!.getFields();
  fields.n!.resolve = (_root, args: { x: number }) => args.x * 2;
  fields.boom!.resolve = () => {
    throw new Error('kaput');
  };
  fields.list!.resolve = () => [1, null, 3];

  async function server(executor: 'jit' | 'graphql-js', max = 3) {
    const gateway = jitGateway(schema, max);
    const apollo = new ApolloServer(executor === 'jit' ? { gateway } : { schema });
    await apollo.start();
    return { apollo, gateway };
  }

  it('keeps one compiled document per query, at most its bound', async () => {
    const { apollo, gateway } = await server('jit', 3);
    for (let i = 0; i < 2; i += 1) await apollo.executeOperation({ query: '{ __typename }' });
    expect(gateway.compiledDocuments()).toBe(1);
    for (let i = 0; i < 6; i += 1) await apollo.executeOperation({ query: `query Q${i} { __typename }` });
    expect(gateway.compiledDocuments()).toBe(3);
    await apollo.stop();
    expect(gateway.compiledDocuments()).toBe(0);
  });

  it('answers resolver and non-null errors as graphql-js does (message, locations, path, code)', async () => {
    const answers = [];
    for (const executor of ['jit', 'graphql-js'] as const) {
      const { apollo } = await server(executor);
      const res = await apollo.executeOperation({ query: '{\n  n(x: 2)\n  boom\n  list\n}' });
      answers.push(res.body.kind === 'single' ? res.body.singleResult : null);
      await apollo.stop();
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toEqual({
      data: { n: 4, boom: null, list: null },
      errors: [
        { message: 'kaput', locations: [{ line: 3, column: 3 }], path: ['boom'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        { message: 'Cannot return null for non-nullable field Query.list.', locations: [{ line: 4, column: 3 }], path: ['list', 1], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ],
    });
  });

  it('answers a variable coercion error as graphql-js does (BAD_USER_INPUT, same message and locations)', async () => {
    const answers = [];
    for (const executor of ['jit', 'graphql-js'] as const) {
      const { apollo } = await server(executor);
      const res = await apollo.executeOperation({ query: 'query ($x: Int!) { n(x: $x) }', variables: { x: 'seven' } });
      answers.push(res.body.kind === 'single' ? res.body.singleResult : null);
      await apollo.stop();
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toEqual({
      errors: [
        {
          message: 'Variable "$x" got invalid value "seven"; Int cannot represent non-integer value: "seven"',
          locations: [{ line: 1, column: 8 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });
});
