import { ApolloServer } from '@apollo/server';
import { buildSchema, parse, type GraphQLFormattedError } from 'graphql';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { QueryLimits } from '@youth-care/lib/config';
import { countTokens, LimitCode, limitError, measureOperation, parseOptionsFor, queryLimitsPlugin, recodeTokenLimit } from '../src/limits.js';

const schema = buildSchema(`
  type Query { regions: [Region!]! region(code: ID!): Region }
  type Region { code: ID! name: String providers(first: Int): [Provider!]! }
  type Provider { agbCode: ID! contracts: [Contract!]! }
  type Contract { id: ID! }
`);

const measure = (query: string, operationName?: string | null) => measureOperation(schema, parse(query), operationName);

describe('measureOperation: depth', () => {
  it('counts nested field levels', () => {
    expect(measure('{ regions { code } }').depth).toBe(2);
    expect(measure('{ region(code: "JZ34") { providers { contracts { id } } } }').depth).toBe(4);
  });

  it('takes the deepest branch', () => {
    expect(measure('{ regions { code providers { agbCode } } region(code: "x") { name } }').depth).toBe(3);
  });

  it('expands named and inline fragments without counting them as levels', () => {
    const query = `
      { regions { ...R } }
      fragment R on Region { providers { ... on Provider { contracts { ...C } } } }
      fragment C on Contract { id }
    `;
    expect(measure(query).depth).toBe(4);
  });

  it('does not count __typename', () => {
    expect(measure('{ regions { __typename } }').depth).toBe(1);
    expect(measure('{ __typename }').depth).toBe(0);
  });

  it('counts introspection fields', () => {
    expect(measure('{ __schema { types { fields { name } } } }').depth).toBe(4);
    expect(measure('{ __type(name: "Region") { name } }').depth).toBe(2);
  });

  it('measures the named operation, or the only one', () => {
    const query = 'query Small { region(code: "x") { code } } query Big { regions { providers { contracts { id } } } }';
    expect(measure(query, 'Small').depth).toBe(2);
    expect(measure(query, 'Big').depth).toBe(4);
    // Nothing would execute, so there is nothing to measure.
    expect(measure(query, null)).toEqual({ depth: 0, aliases: 0, cost: 0 });
  });

  it('stops at fragment cycles', () => {
    const query = '{ regions { ...A } } fragment A on Region { code ...B } fragment B on Region { name ...A }';
    expect(measure(query).depth).toBe(2);
  });
});

describe('measureOperation: aliases', () => {
  it('counts aliased fields, also under fragments used twice', () => {
    const query = '{ a: regions { ...F } b: region(code: "x") { ...F } } fragment F on Region { c: code n: name code }';
    // a, b, and c + n in each of the two spreads.
    expect(measure(query).aliases).toBe(6);
  });

  it('counts aliases in inline fragments and on __typename', () => {
    expect(measure('{ regions { ... on Region { t: __typename } } }').aliases).toBe(1);
  });

  it('stays fast when fragments double each other', () => {
    // F0 spreads F1 twice, F1 spreads F2 twice, ...: 2^39 aliased fields once expanded.
    const levels = 40;
    const fragments = Array.from({ length: levels - 1 }, (_, i) => `fragment F${i} on Region { ...F${i + 1} ...F${i + 1} }`);
    const query = `{ regions { ...F0 } } ${fragments.join(' ')} fragment F${levels - 1} on Region { c: code }`;
    const result = measure(query);
    expect(result.aliases).toBe(2 ** 39);
    expect(result.cost).toBe(1 + 10 * 2 ** 39);
  });
});

describe('measureOperation: cost', () => {
  it('multiplies list fields by first, or by 10 without it', () => {
    // contracts = 1 + 10×id(1) = 11; providers(first: 3) = 1 + 3×(agbCode 1 + contracts 11) = 37;
    // regions = 1 + 10×(code 1 + providers 37) = 381.
    expect(measure('{ regions { code providers(first: 3) { agbCode contracts { id } } } }').cost).toBe(381);
  });

  it('does not multiply non-list fields', () => {
    // providers = 1 + 10×1 = 11; region = 1 + 1×(name 1 + providers 11) = 13.
    expect(measure('{ region(code: "JZ34") { name providers { agbCode } } }').cost).toBe(13);
  });

  it('reads a variable first from the variables, and takes the default size without it', () => {
    const query = parse('query ($n: Int) { region(code: "x") { providers(first: $n) { agbCode } } }');
    // providers = 1 + 10×1 = 11; region = 1 + 11 = 12.
    expect(measureOperation(schema, query, undefined).cost).toBe(12);
    // providers = 1 + 400×1 = 401; region = 402.
    expect(measureOperation(schema, query, undefined, { n: 400 }).cost).toBe(402);
    expect(measureOperation(schema, query, undefined, { n: 'many' }).cost).toBe(12);
  });

  it('counts a variable\'s default and the field argument\'s default when first is left out', () => {
    const query = parse('query ($n: Int = 400) { region(code: "x") { providers(first: $n) { agbCode } } }');
    expect(measureOperation(schema, query, undefined).cost).toBe(402);
    expect(measureOperation(schema, query, undefined, { n: 3 }).cost).toBe(5);
    const withDefault = buildSchema(`type Query { region: Region } type Region { providers(first: Int = 250): [Provider!]! } type Provider { agbCode: ID! }`);
    expect(measureOperation(withDefault, parse('{ region { providers { agbCode } } }'), undefined).cost).toBe(1 + 1 + 250);
  });

  it('does not let a zero or negative first lower the cost below the field itself', () => {
    // providers = 1 + 0×1 = 1; region = 1 + 1 = 2.
    expect(measure('{ region(code: "x") { providers(first: 0) { agbCode } } }').cost).toBe(2);
    expect(measure('{ region(code: "x") { providers(first: -1000) { agbCode } } code: __typename }').cost).toBe(3);
  });

  it('charges 1 per leaf field, __typename included', () => {
    expect(measure('{ __typename region(code: "x") { code name __typename } }').cost).toBe(1 + 1 + 3);
  });

  it('counts fragments per use', () => {
    // F = code 1 + name 1 = 2; regions = 1 + 10×(F + F) = 41; region = 1 + F = 3.
    expect(measure('{ regions { ...F ...F } region(code: "x") { ...F } } fragment F on Region { code name }').cost).toBe(44);
  });

  it('costs introspection like any other query', () => {
    // types: [__Type!]! = 1 + 10×name(1) = 11; __schema = 1 + 11 = 12.
    expect(measure('{ __schema { types { name } } }').cost).toBe(12);
  });
});

describe('countTokens', () => {
  it('counts lexical tokens, not commas, comments or the end of the document', () => {
    // query Q ( $ n : Int ) { regions { code } } = 14 tokens.
    expect(countTokens('query Q($n: Int) { regions { code } } # a comment', 1000)).toBe(14);
    expect(countTokens('{ a, b, c }', 1000)).toBe(5);
    // A string is one token, a spread is one.
    expect(countTokens('{ region(code: "long string") { ...F } } fragment F on Region { name }', 1000)).toBe(19);
    expect(countTokens('', 1000)).toBe(0);
  });

  it('stops one past the limit', () => {
    expect(countTokens('query Q($n: Int) { regions { code } }', 14)).toBe(14);
    expect(countTokens('query Q($n: Int) { regions { code } }', 5)).toBe(6);
    expect(countTokens(`{ ${'a '.repeat(1_000_000)}}`, 10)).toBe(11);
  });
});

describe('limitError', () => {
  it('names the limit, its setting and the numbers', () => {
    const error = limitError(LimitCode.MAX_DEPTH_EXCEEDED, 'maxDepth', 15, 17);
    expect(error.message).toBe('Query depth 17 exceeds the limit of 15 (QUERY_MAX_DEPTH)');
    expect(error.extensions).toEqual({ code: 'MAX_DEPTH_EXCEEDED', limit: 'maxDepth', max: 15, actual: 17, http: { status: 400 } });
  });
});

describe('recodeTokenLimit', () => {
  const limits: QueryLimits = { maxDepth: 15, maxAliases: 30, maxTokens: 40, maxCost: 50_000, maxBodyBytes: 100_000 };

  it("recodes graphql-js's token cap", () => {
    // The parse cap message exactly as graphql-js words it, typo included.
    let message = '';
    try {
      parse('{ a b c }', parseOptionsFor({ ...limits, maxTokens: 2 }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(recodeTokenLimit({ message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, limits)).toEqual({
      message: 'Query token count more than 3 exceeds the limit of 40 (QUERY_MAX_TOKENS)',
      extensions: { code: 'MAX_TOKENS_EXCEEDED', limit: 'maxTokens', max: 40 },
    });
  });

  it('leaves other errors alone', () => {
    const syntax: GraphQLFormattedError = { message: 'Syntax Error: Expected Name, found "}".', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    const other: GraphQLFormattedError = { message: 'Document contains more that 3 tokens', extensions: { code: 'BAD_USER_INPUT' } };
    expect(recodeTokenLimit(syntax, limits)).toBe(syntax);
    expect(recodeTokenLimit(other, limits)).toBe(other);
  });
});

describe('queryLimitsPlugin in Apollo Server', () => {
  const limits: QueryLimits = { maxDepth: 3, maxAliases: 2, maxTokens: 40, maxCost: 100, maxBodyBytes: 100_000 };
  const region = (code: string) => ({ code, name: `Region ${code}`, providers: [{ agbCode: '1', contracts: [{ id: 'c' }] }] });
  const server = new ApolloServer({
    schema,
    rootValue: { regions: () => [region('JZ34')], region: ({ code }: { code: string }) => region(code) },
    plugins: [queryLimitsPlugin(limits)],
    parseOptions: parseOptionsFor(limits),
    formatError: (formatted) => recodeTokenLimit(formatted, limits),
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  async function run(query: string) {
    const response = await server.executeOperation({ query });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, errors: response.body.singleResult.errors, data: response.body.singleResult.data };
  }

  async function passes(query: string) {
    const { errors, data } = await run(query);
    expect(errors).toBeUndefined();
    expect(data).toBeTruthy();
  }

  async function refused(query: string): Promise<GraphQLFormattedError['extensions']> {
    const { status, errors, data } = await run(query);
    expect(status).toBe(400);
    expect(data).toBeUndefined();
    expect(errors).toHaveLength(1);
    return errors?.[0]?.extensions;
  }

  /** `{ region(code: "x") { code code ... } }`: 10 tokens around the n codes, cost 1 + n, depth 2. */
  const padded = (n: number) => `{ region(code: "x") { ${'code '.repeat(n)}} }`;

  it('passes depth at the limit and refuses one level more', async () => {
    await passes('{ region(code: "x") { providers(first: 1) { agbCode } } }');
    const extensions = await refused('{ region(code: "x") { providers(first: 1) { contracts { id } } } }');
    expect(extensions).toEqual({ code: 'MAX_DEPTH_EXCEEDED', limit: 'maxDepth', max: 3, actual: 4 });
  });

  it('passes aliases at the limit and refuses one more', async () => {
    await passes('{ a: region(code: "x") { code } b: region(code: "y") { code } }');
    const extensions = await refused('{ a: region(code: "x") { code } b: region(code: "y") { code } c: region(code: "z") { code } }');
    expect(extensions).toEqual({ code: 'MAX_ALIASES_EXCEEDED', limit: 'maxAliases', max: 2, actual: 3 });
  });

  it('passes cost at the limit and refuses one more', async () => {
    // providers = 1 + 98×1 = 99; region = 1 + 99 = 100.
    await passes('{ region(code: "x") { providers(first: 98) { agbCode } } }');
    const extensions = await refused('{ region(code: "x") { providers(first: 99) { agbCode } } }');
    expect(extensions).toEqual({ code: 'MAX_COST_EXCEEDED', limit: 'maxCost', max: 100, actual: 101 });
  });

  it('passes tokens at the limit and refuses one more with the exact count', async () => {
    expect(countTokens(padded(30), 1000)).toBe(40);
    await passes(padded(30));
    const extensions = await refused(padded(31));
    expect(extensions).toEqual({ code: 'MAX_TOKENS_EXCEEDED', limit: 'maxTokens', max: 40, actual: 41 });
  });

  it('refuses documents past the parse cap under the same code', async () => {
    for (const query of [padded(32), padded(100_000)]) {
      const { status, errors } = await run(query);
      expect(status).toBe(400);
      expect(errors).toEqual([
        {
          message: 'Query token count more than 41 exceeds the limit of 40 (QUERY_MAX_TOKENS)',
          extensions: { code: 'MAX_TOKENS_EXCEEDED', limit: 'maxTokens', max: 40 },
        },
      ]);
    }
  });

  it('checks tokens before depth', async () => {
    // 41 tokens, so it parses, and four levels deep.
    const deepAndLong = `{ region(code: "x") { providers(first: 1) { contracts { ${'id '.repeat(20)}} } } }`;
    const extensions = await refused(deepAndLong);
    expect(extensions).toEqual({ code: 'MAX_TOKENS_EXCEEDED', limit: 'maxTokens', max: 40, actual: 41 });
  });
});
