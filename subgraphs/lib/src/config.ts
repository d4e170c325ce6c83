import { LOG_FORMATS, LOG_LEVELS, type LogSettings } from './log.js';
import { DEMO_REGION_CODES, REGION_CODES, isSyntheticRegionCode, type RegionCode } from './regions/registry.js';

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface DatabaseConfig {
  /** Where the embedded database keeps its files; "memory://" keeps nothing. */
  readonly embeddedDataDir: string;
  /** Server URL per region; a region without one lives in the embedded database. */
  readonly regionUrls: Readonly<Partial<Record<RegionCode, string>>>;
  /** The shared national source (open data such as CBS tables); embedded when unset. */
  readonly nationalUrl: string | undefined;
  readonly connectTimeoutSeconds: number;
  readonly poolSize: number;
}

/**
 * The subgraphs of the federation, the one list the launcher, the composition and the config
 * read; each on its own port (4001, 4002, ... by default).
 */
export const SUBGRAPH_NAMES = ['procurement', 'access', 'monitoring'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const defaultPort = (service: 'gateway' | SubgraphName): number => (service === 'gateway' ? 4000 : 4001 + SUBGRAPH_NAMES.indexOf(service));

export interface Config {
  readonly nodeEnv: string;
  readonly host: string;
  readonly ports: Readonly<Record<'gateway' | SubgraphName, number>>;
  readonly regions: readonly RegionCode[];
  readonly regionTimeoutMs: number;
  readonly subgraphTimeoutMs: number;
  readonly supergraphPath: string;
  /** Where the gateway finds each subgraph, over the URLs in the supergraph. */
  readonly subgraphUrls: Readonly<Partial<Record<SubgraphName, string>>>;
  readonly database: DatabaseConfig;
  /** The key each region derives client pseudonyms with (HMAC-SHA256), where one is set. */
  readonly pseudonymKeys: Readonly<Partial<Record<RegionCode, string>>>;
  readonly demo: Readonly<{ seed: boolean; scale: number; until: string | undefined }>;
  readonly auth: AuthConfig;
  readonly limits: QueryLimits;
  /** Origins a browser may call the gateway from; none when empty. */
  readonly corsOrigins: readonly string[];
  /** Schema introspection; off in production. */
  readonly introspection: boolean;
  readonly log: LogSettings;
  readonly metrics: MetricsConfig;
  /** Redis for what the gateway replicas share (persisted queries); in memory per process when unset. */
  readonly redisUrl: string | undefined;
}

/** Where Prometheus reads the metrics: a port of their own, or /metrics with a bearer token, or both. */
export interface MetricsConfig {
  readonly port: number | undefined;
  readonly token: string | undefined;
}

export interface AuthConfig {
  /** The `iss` every bearer token must carry. */
  readonly issuer: string;
  /** The `aud` every bearer token must carry. */
  readonly audience: string;
  /** HS256 secret for locally minted tokens; unset in production when a JWKS URL is used. */
  readonly hs256Secret: string | undefined;
  /** Where the identity provider publishes its RS256/ES256 keys. */
  readonly jwksUrl: string | undefined;
  /** The secret the gateway signs the caller's claims with for the subgraphs. */
  readonly claimsSecret: string;
  /** How long a signed claims header stays valid. */
  readonly claimsMaxAgeMs: number;
  /** How the web app signs people in at the identity provider; none without OIDC_ISSUER. */
  readonly oidc: OidcConfig | undefined;
}

/** OpenID Connect for the web app: authorization code with PKCE, a public client. */
export interface OidcConfig {
  /** The identity provider's issuer URL, where its discovery document lives. */
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
  /** The resource indicator (RFC 8707) the provider issues access tokens for, if it wants one. */
  readonly resource: string | undefined;
}

/** What one request may ask for; each is checked before anything executes. */
export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxCost: number;
  readonly maxBodyBytes: number;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function decimal(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(name, `must be a number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: readonly string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

function isoDate(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(raw))) {
    throw new ConfigError(name, `must be a date as YYYY-MM-DD, got "${raw}"`);
  }
  return raw;
}

/**
 * The regions served: the five demo regions by default, `all` for every region of the country, or
 * a list of codes. Synthetic test regions (ZZ01...) only outside production.
 */
function regionList(env: Env, name: string, nodeEnv: string): RegionCode[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [...DEMO_REGION_CODES];
  if (raw.trim().toLowerCase() === 'all') return [...REGION_CODES];
  const codes = [...new Set(raw.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean))];
  for (const code of codes) {
    if (isSyntheticRegionCode(code)) {
      if (nodeEnv === 'production') throw new ConfigError(name, `names synthetic test region "${code}", which production refuses`);
    } else if (!(REGION_CODES as readonly string[]).includes(code)) {
      throw new ConfigError(name, `names unknown region "${code}"; known: all, or codes such as JZ21 (${REGION_CODES.length} regions)`);
    }
  }
  return codes as RegionCode[];
}

function secret(env: Env, name: string, nodeEnv: string, developmentValue: string | undefined): string | undefined {
  const raw = env[name];
  if (raw !== undefined && raw !== '') {
    if (raw.length < 32) throw new ConfigError(name, 'must be at least 32 characters');
    return raw;
  }
  return nodeEnv === 'production' ? undefined : developmentValue;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (!(values as readonly string[]).includes(value)) throw new ConfigError(name, `must be one of ${values.join(', ')}, got "${raw}"`);
  return value as T;
}

function list(env: Env, name: string): string[] {
  return (env[name] ?? '').split(',').map((v) => v.trim()).filter(Boolean);
}

function metricsToken(env: Env): string | undefined {
  const raw = env.METRICS_TOKEN;
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 16) throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters');
  return raw;
}

/** Well known, so only outside production: a developer's tokens and claims need no setup. */
export const DEVELOPMENT_TOKEN_SECRET = 'development-only-token-secret-never-use-in-production';
const DEVELOPMENT_CLAIMS_SECRET = 'development-only-claims-secret-never-use-in-production';

function authConfig(env: Env, nodeEnv: string): AuthConfig {
  const jwksUrl = url(env, 'AUTH_JWKS_URL', HTTP);
  const hs256Secret = secret(env, 'AUTH_HS256_SECRET', nodeEnv, jwksUrl ? undefined : DEVELOPMENT_TOKEN_SECRET);
  if (!jwksUrl && !hs256Secret) throw new ConfigError('AUTH_JWKS_URL', 'or AUTH_HS256_SECRET must be set in production');
  const claimsSecret = secret(env, 'CLAIMS_SIGNING_SECRET', nodeEnv, DEVELOPMENT_CLAIMS_SECRET);
  if (!claimsSecret) throw new ConfigError('CLAIMS_SIGNING_SECRET', 'must be set in production');
  return {
    issuer: env.AUTH_ISSUER || 'jeugdzorg-federation',
    audience: env.AUTH_AUDIENCE || 'jeugdzorg-graph',
    hs256Secret,
    jwksUrl,
    claimsSecret,
    claimsMaxAgeMs: integer(env, 'CLAIMS_MAX_AGE_MS', 30_000, 1000, 600_000),
    oidc: oidcConfig(env),
  };
}

function oidcConfig(env: Env): OidcConfig | undefined {
  const issuer = url(env, 'OIDC_ISSUER', HTTP);
  if (!issuer) return undefined;
  const clientId = env.OIDC_CLIENT_ID;
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID', 'must be set when OIDC_ISSUER is');
  return { issuer, clientId, scope: env.OIDC_SCOPE || 'openid', resource: env.OIDC_RESOURCE || undefined };
}

const POSTGRES = ['postgres:', 'postgresql:'];
const HTTP = ['http:', 'https:'];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const pseudonymKeyVariable = (code: RegionCode) => `REGION_${code}_PSEUDONYM_KEY`;

/**
 * The region's pseudonym key. Outside production a region without one gets a fixed demo key,
 * so pseudonyms stay stable on a developer machine; in production a missing key stops the start.
 */
export function pseudonymKey(config: Config, code: RegionCode): string {
  const key = config.pseudonymKeys[code];
  if (key) return key;
  if (config.nodeEnv === 'production') throw new ConfigError(pseudonymKeyVariable(code), 'must be set in production');
  return `demo-only-pseudonym-key-for-region-${code}`;
}

/** Reads and validates the whole environment once; a bad value fails here, naming its variable. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const regions = regionList(env, 'REGIONS', nodeEnv);
  const known = [...new Set<RegionCode>([...REGION_CODES, ...regions])];
  const shared = url(env, 'DATABASE_URL', POSTGRES);
  const regionUrls: Partial<Record<RegionCode, string>> = {};
  for (const code of known) {
    const own = url(env, `REGION_${code}_DATABASE_URL`, POSTGRES) ?? shared;
    if (own) regionUrls[code] = own;
  }
  const pseudonymKeys: Partial<Record<RegionCode, string>> = {};
  for (const code of known) {
    const name = pseudonymKeyVariable(code);
    const key = env[name];
    if (key !== undefined && key !== '' && key.length < 32) throw new ConfigError(name, 'must be at least 32 characters');
    if (key) pseudonymKeys[code] = key;
  }
  return deepFreeze({
    nodeEnv,
    host: env.HOST || 'localhost',
    ports: {
      gateway: integer(env, 'GATEWAY_PORT', defaultPort('gateway'), 0, 65535),
      ...Object.fromEntries(
        SUBGRAPH_NAMES.map((name) => [name, integer(env, `${name.toUpperCase()}_PORT`, defaultPort(name), 0, 65535)]),
      ),
    } as Record<'gateway' | SubgraphName, number>,
    regions,
    regionTimeoutMs: integer(env, 'REGION_TIMEOUT_MS', 5000, 1, 600_000),
    subgraphTimeoutMs: integer(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, 1, 600_000),
    supergraphPath: env.SUPERGRAPH_PATH || 'schema/supergraph.graphql',
    subgraphUrls: Object.fromEntries(
      SUBGRAPH_NAMES.flatMap((name) => {
        const value = url(env, `${name.toUpperCase()}_URL`, HTTP);
        return value ? [[name, value]] : [];
      }),
    ),
    database: {
      embeddedDataDir: env.EMBEDDED_DATA_DIR || '.data/pglite',
      regionUrls,
      nationalUrl: url(env, 'NATIONAL_DATABASE_URL', POSTGRES) ?? shared,
      connectTimeoutSeconds: integer(env, 'DATABASE_CONNECT_TIMEOUT_S', 5, 1, 300),
      poolSize: integer(env, 'DATABASE_POOL_SIZE', 5, 1, 100),
    },
    pseudonymKeys,
    demo: {
      seed: flag(env, 'DEMO_DATA', true),
      scale: decimal(env, 'DEMO_SCALE', 1, 0.001, 20),
      until: isoDate(env, 'DEMO_UNTIL'),
    },
    auth: authConfig(env, nodeEnv),
    limits: {
      maxDepth: integer(env, 'QUERY_MAX_DEPTH', 15, 1, 1000),
      maxAliases: integer(env, 'QUERY_MAX_ALIASES', 30, 0, 10_000),
      maxTokens: integer(env, 'QUERY_MAX_TOKENS', 5000, 10, 1_000_000),
      maxCost: integer(env, 'QUERY_MAX_COST', 100_000, 1, 100_000_000),
      maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 100_000, 1000, 100_000_000),
    },
    corsOrigins: list(env, 'CORS_ORIGINS'),
    introspection: nodeEnv !== 'production',
    log: {
      format: oneOf(env, 'LOG_FORMAT', LOG_FORMATS, nodeEnv === 'production' ? 'json' : 'pretty'),
      level: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    },
    metrics: {
      port: env.METRICS_PORT ? integer(env, 'METRICS_PORT', 0, 0, 65535) : undefined,
      token: metricsToken(env),
    },
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
  });
}
