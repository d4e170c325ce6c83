/**
 * Malformed requests and the answer each must get: an HTTP status and, where the answer is
 * GraphQL, the code of its first error. `as` is the caller (an admin when left out); `token`
 * replaces the Authorization header with a raw value.
 */
export interface HttpCase {
  readonly name: string;
  readonly method?: 'GET' | 'POST';
  /** The body as sent; a value other than a string is sent as JSON. */
  readonly body?: unknown;
  /** Query string for GET. */
  readonly search?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly anonymous?: boolean;
  readonly status: number;
  readonly code?: string;
}

const q = (name: string, query: string, status: number, code: string, variables?: unknown): HttpCase => ({ name, body: { query, variables }, status, code });
const v = (name: string, query: string, variables: unknown, status: number, code: string): HttpCase => q(name, query, status, code, variables);

const VALIDATION = 'GRAPHQL_VALIDATION_FAILED';
const PARSE = 'GRAPHQL_PARSE_FAILED';
const BAD = 'BAD_USER_INPUT';

const DATES = ['2025-13-01', '2025-02-30', '2025-1-1', '25-01-01', 'yesterday', '', ' 2025-01-01', '2025-01-01T00:00:00Z', '2025/01/01', '0000-00-00', '2025-00-10', '2025-04-31'];
const AGBS = ['1234567', '123456789', 'abcdefgh', '1234 678', '12345678\u0000', '１２３４５６７８', '-1234567', ''];
const CURSORS = ['not a cursor!', 'a'.repeat(129), '../../etc/passwd', 'abc=def', '%00'];
const CONTROL = ['\u0000', 'a\u0000b', '\u0007', '\u001b[31m', '\u007f'];

export const HTTP_CASES: HttpCase[] = [
  // Documents that do not parse or do not fit the schema.
  ...['{', '}', '{ regions { code }', 'query {', '{ regions { code } } }', '{ "x" }', 'query($) { regions { code } }', '{ regions(codes: [) { code } }', '#only a comment', '{ regions { code } ...', 'fragment F on Region { code }', 'query Q', '{ region(code: "JZ21") { name }}}'].map((text, i) =>
    q(`syntax ${i}`, text, 400, i === 10 ? VALIDATION : PARSE),
  ),
  ...['{ nope }', '{ regions { nope } }', '{ region { code } }', '{ region(code: 21.5) { code } }', '{ regions(codes: "JZ21") { name cbsName nope } }', '{ regions { municipalities(on: 5, all: "yes") { code } } }', '{ provider { name } }', '{ region(code: "JZ21", extra: 1) { code } }', '{ regions { code(x: 1) } }', '{ regions }', '{ regions { code { x } } }', '{ productCategories(first: 1) { code } }', 'query A { regions { code } } query A { regions { code } }', '{ ...Missing }', 'fragment F on Nope { code } { regions { ...F } }', 'fragment F on Region { ...F } { regions { ...F } }', '{ region(code: "JZ21") { contracts(form: BOGUS) { id } } }', '{ region(code: "JZ21") { indicators(periods: ["2023JJ00"], indicators: [NOPE]) { period } } }', 'query($x: Nope) { regions { code } }', 'query($x: Int) { regions { code } } ', '{ __type(name: 5) { name } }', 'mutation { nope }', '{ regions { code } } { productCategories { code } }'].map((text, i) =>
    q(`validation ${i}`, text, 400, VALIDATION),
  ),
  // Operations the server cannot pick or run.
  { name: 'unknown operation name', body: { query: 'query A { regions { code } }', operationName: 'B' }, status: 400, code: 'UNKNOWN_OPERATION' },
  { name: 'operation name on an anonymous operation', body: { query: '{ regions { code } }', operationName: 'A' }, status: 400, code: 'UNKNOWN_OPERATION' },
  { name: 'two named operations, no name', body: { query: 'query A { regions { code } } query B { regions { name } }' }, status: 400, code: 'AMBIGUOUS_OPERATION' },
  { name: 'operation name of a fragment', body: { query: 'query A { regions { ...F } } fragment F on Region { code }', operationName: 'F' }, status: 400, code: 'UNKNOWN_OPERATION' },
  { name: 'very long operation name', body: { query: 'query A { regions { code } }', operationName: 'B'.repeat(5000) }, status: 400, code: 'UNKNOWN_OPERATION' },
  q('subscription', 'subscription { regions { code } }', 400, 'SUBSCRIPTION_NOT_SUPPORTED'),
  q('named subscription', 'subscription S { region(code: "JZ21") { code } }', 400, 'SUBSCRIPTION_NOT_SUPPORTED'),
  // Scalars checked before anything runs.
  ...DATES.map((date, i) => q(`Date literal ${i}`, `{ region(code: "JZ21") { contracts(activeOn: ${JSON.stringify(date)}) { id } } }`, 400, BAD)),
  ...DATES.map((date, i) => v(`Date variable ${i}`, 'query($d: Date) { region(code: "JZ21") { municipalities(on: $d) { code } } }', { d: date }, 400, BAD)),
  ...[5, true, 20250101, 1.5].map((literal, i) => q(`Date of another kind ${i}`, `{ region(code: "JZ21") { municipalities(on: ${literal}) { code } } }`, 400, BAD)),
  ...AGBS.map((agb, i) => v(`AGB code ${i}`, 'query($a: ID!) { provider(agbCode: $a) { name } }', { a: agb }, 400, BAD)),
  ...AGBS.slice(0, 4).map((agb, i) => q(`AGB literal ${i}`, `{ provider(agbCode: ${JSON.stringify(agb)}) { name } }`, 400, BAD)),
  ...CURSORS.map((after, i) => v(`cursor ${i}`, 'query($c: String) { region(code: "JZ43") { clientLevel { referrals(after: $c) { totalCount } } } }', { c: after }, 400, BAD)),
  v('a 50 kB cursor', 'query($c: String) { region(code: "JZ43") { clientLevel { plans(after: $c) { totalCount } } } }', { c: 'A'.repeat(50_000) }, 400, BAD),
  ...CONTROL.map((text, i) => v(`control characters in an ID ${i}`, 'query($id: ID!) { contract(id: $id) { id } }', { id: `JZ21:${text}` }, 400, BAD)),
  ...CONTROL.map((text, i) => v(`control characters in a region code ${i}`, 'query($c: ID!) { region(code: $c) { code } }', { c: text }, 400, BAD)),
  ...CONTROL.map((text, i) => v(`control characters in a list ${i}`, 'query($c: [ID!]) { regions(codes: $c) { code } }', { c: ['JZ21', text] }, 400, BAD)),
  v('a 10 kB ID', 'query($id: ID!) { referral(id: $id) { id } }', { id: 'x'.repeat(10_000) }, 400, BAD),
  v('a 300-character region code', 'query($c: ID!) { region(code: $c) { code } }', { c: 'J'.repeat(300) }, 400, BAD),
  // Arguments the resolvers refuse.
  q('unknown region', '{ regions(codes: ["JZ99"]) { code } }', 200, BAD),
  q('year out of range', '{ region(code: "JZ21") { youthPopulation(year: 1900) { youth0to17 } } }', 200, BAD),
  q('year in the future', '{ region(code: "JZ21") { youthPopulation(year: 2999) { youth0to17 } } }', 200, BAD),
  q('page too large', '{ region(code: "JZ43") { clientLevel { referrals(first: 100000) { totalCount } } } }', 200, BAD),
  q('page of zero', '{ region(code: "JZ43") { clientLevel { referrals(first: 0) { totalCount } } } }', 200, BAD),
  q('negative page', '{ region(code: "JZ43") { clientLevel { plans(first: -5) { totalCount } } } }', 200, BAD),
  q('unknown product category', '{ providers(productCategory: "99") { agbCode } }', 200, BAD),
  q('bad period code', '{ region(code: "JZ21") { indicators(periods: ["2023XX00"]) { period } } }', 200, BAD),
  q('no years', '{ region(code: "JZ21") { waitingTimeComparison(years: []) { year } } }', 200, BAD),
  q('malformed contract id', '{ contract(id: "no-region") { id } }', 200, undefined as unknown as string),
  // Variables that do not fit their types.
  ...[
    ['string for Int', 'query($y: Int!) { region(code: "JZ21") { youthPopulation(year: $y) { year } } }', { y: 'twenty' }],
    ['float for Int', 'query($y: Int!) { region(code: "JZ21") { youthPopulation(year: $y) { year } } }', { y: 2020.5 }],
    ['huge Int', 'query($y: Int!) { region(code: "JZ21") { youthPopulation(year: $y) { year } } }', { y: 2 ** 40 }],
    ['missing required', 'query($y: Int!) { region(code: "JZ21") { youthPopulation(year: $y) { year } } }', {}],
    ['null for required', 'query($y: Int!) { region(code: "JZ21") { youthPopulation(year: $y) { year } } }', { y: null }],
    ['object for ID', 'query($c: ID!) { region(code: $c) { code } }', { c: { code: 'JZ21' } }],
    ['array for ID', 'query($c: ID!) { region(code: $c) { code } }', { c: ['JZ21'] }],
    ['bool for ID', 'query($c: ID!) { region(code: $c) { code } }', { c: true }],
    ['unknown enum', 'query($f: ContractForm) { region(code: "JZ21") { contracts(form: $f) { id } } }', { f: 'BOGUS' }],
    ['lower-case enum', 'query($f: ContractForm) { region(code: "JZ21") { contracts(form: $f) { id } } }', { f: 'tender' }],
    ['input with an unknown field', 'mutation($i: ReportWaitingTimeInput!) { reportWaitingTime(input: $i) { id } }', { i: { region: 'JZ21', providerAgb: '12345678', productCategory: '45', registrationToIntakeWeeks: 1, intakeToTreatmentWeeks: 1, waitingCount: 1, extra: 1 } }],
    ['input missing a field', 'mutation($i: ReportWaitingTimeInput!) { reportWaitingTime(input: $i) { id } }', { i: { region: 'JZ21' } }],
    ['input that is a string', 'mutation($i: ReportWaitingTimeInput!) { reportWaitingTime(input: $i) { id } }', { i: 'JZ21' }],
    ['NaN weeks', 'mutation($i: ReportWaitingTimeInput!) { reportWaitingTime(input: $i) { id } }', { i: { region: 'JZ21', providerAgb: '12345678', productCategory: '45', registrationToIntakeWeeks: 'NaN', intakeToTreatmentWeeks: 1, waitingCount: 1 } }],
    ['list of null', 'query($c: [ID!]) { regions(codes: $c) { code } }', { c: [null] }],
    ['Int for list', 'query($y: [Int!]!) { region(code: "JZ21") { accessComparison(years: $y) { year } } }', { y: 'all' }],
  ].map(([name, query, variables]) => v(`variables: ${name}`, query as string, variables, 400, BAD)),
  { name: 'variables not an object', body: { query: '{ regions { code } }', variables: 'x=1' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'variables an array', body: { query: '{ regions { code } }', variables: [1, 2] }, status: 400, code: 'BAD_REQUEST' },
  { name: 'extensions not an object', body: { query: '{ regions { code } }', extensions: 'x' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'operationName not a string', body: { query: '{ regions { code } }', operationName: 5 }, status: 400, code: 'BAD_REQUEST' },
  // Query limits.
  q('too deep', `{ regions { ${'municipalities { region { '.repeat(8)}code${' } }'.repeat(8)} } }`, 400, 'MAX_DEPTH_EXCEEDED'),
  q('too many aliases', `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: regions { code }`).join(' ')} }`, 400, 'MAX_ALIASES_EXCEEDED'),
  q('too many tokens', `{ regions { ${'code '.repeat(6000)} } }`, 400, 'MAX_TOKENS_EXCEEDED'),
  q('too costly', '{ regions { municipalities { region { municipalities { region { municipalities { region { municipalities { code } } } } } } } } }', 400, 'MAX_COST_EXCEEDED'),
  v('too costly by a variable default', 'query($n: Int = 100000) { auditLog(region: "JZ21", first: $n) { at subject recordIds } }', {}, 400, 'MAX_COST_EXCEEDED'),
  // Bodies.
  { name: 'not JSON', body: '{"query": ', headers: { 'content-type': 'application/json' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'JSON null', body: 'null', headers: { 'content-type': 'application/json' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'JSON number', body: '42', headers: { 'content-type': 'application/json' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'JSON string', body: '"{ regions { code } }"', headers: { 'content-type': 'application/json' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'empty object', body: {}, status: 400, code: 'BAD_REQUEST' },
  { name: 'query a number', body: { query: 5 }, status: 400, code: 'BAD_REQUEST' },
  { name: 'query an object', body: { query: { regions: 'code' } }, status: 400, code: 'BAD_REQUEST' },
  { name: 'query null', body: { query: null }, status: 400, code: 'BAD_REQUEST' },
  { name: 'empty query', body: { query: '' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'batched array', body: [{ query: '{ regions { code } }' }], status: 400, code: 'BAD_REQUEST' },
  { name: 'body over the limit', body: { query: `{ regions { code } } #${'x'.repeat(200_000)}` }, status: 413, code: 'BAD_REQUEST' },
  { name: 'empty body', body: '', headers: { 'content-type': 'application/json' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'BOM and garbage', body: '\ufeff\u0000\u0001', headers: { 'content-type': 'application/json' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'deeply nested JSON', body: `{"query":"{ regions { code } }","variables":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`, headers: { 'content-type': 'application/json' }, status: 200 },
  { name: 'persisted query unknown', body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, status: 200, code: 'PERSISTED_QUERY_NOT_FOUND' },
  // Headers.
  { name: 'text/plain body (CSRF)', body: '{"query":"{ regions { code } }"}', headers: { 'content-type': 'text/plain' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'no content type', body: '{"query":"{ regions { code } }"}', headers: { 'content-type': '' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'form content type', body: 'query=%7B+regions+%7B+code+%7D+%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'multipart content type', body: '--x\r\n\r\n--x--', headers: { 'content-type': 'multipart/form-data; boundary=x' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'GET mutation', method: 'GET', search: `?query=${encodeURIComponent('mutation { reportWaitingTime(input: {region: "JZ21", providerAgb: "12345678", productCategory: "45", registrationToIntakeWeeks: 1, intakeToTreatmentWeeks: 1, waitingCount: 1}) { id } }')}`, headers: { 'apollo-require-preflight': 'true' }, status: 405, code: 'BAD_REQUEST' },
  { name: 'GET without preflight header', method: 'GET', search: `?query=${encodeURIComponent('{ regions { code } }')}`, headers: { 'content-type': '' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'GET with broken variables', method: 'GET', search: `?query=${encodeURIComponent('{ regions { code } }')}&variables=%7B`, headers: { 'apollo-require-preflight': 'true' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'GET without query', method: 'GET', search: '', headers: { 'apollo-require-preflight': 'true' }, status: 400, code: 'BAD_REQUEST' },
  // Tokens.
  ...[
    ['Basic scheme', 'Basic dXNlcjpwYXNz'],
    ['no token', 'Bearer'],
    ['two tokens', 'Bearer a b'],
    ['garbage', 'Bearer garbage'],
    ['three dots', 'Bearer a.b.c'],
    ['alg none', `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"role":"admin","sub":"x"}').toString('base64url')}.`],
    ['wrong signature', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl'],
    ['unicode', 'Bearer ünïcödé'],
    ['Bearer with a null byte', 'Bearer abc%00def'],
    ['very long token', `Bearer ${'a'.repeat(8000)}`],
  ].map(([name, header]) => ({ name: `token: ${name}`, body: { query: '{ regions { code } }' }, headers: { authorization: header as string }, status: 401, code: 'UNAUTHENTICATED' })),
  // Reading what the caller may not read is refused, not an error of the server.
  { name: 'anonymous asks for contracts', anonymous: true, body: { query: '{ region(code: "JZ21") { contracts { id } } }' }, status: 200, code: 'FORBIDDEN' },
  { name: 'anonymous asks for client-level data', anonymous: true, body: { query: '{ region(code: "JZ21") { clientLevel { referrals { totalCount } } } }' }, status: 200, code: 'FORBIDDEN' },
  { name: 'anonymous reports a waiting time', anonymous: true, body: { query: 'mutation { reportWaitingTime(input: {region: "JZ21", providerAgb: "12345678", productCategory: "45", registrationToIntakeWeeks: 1, intakeToTreatmentWeeks: 1, waitingCount: 1}) { id } }' }, status: 200, code: 'FORBIDDEN' },
];
