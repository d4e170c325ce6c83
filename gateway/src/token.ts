/**
 * Prints a locally signed bearer token, e.g. `npm run token -- --role region-analyst --region JZ34`.
 * Signs with AUTH_HS256_SECRET (the development secret when unset) for AUTH_ISSUER/AUTH_AUDIENCE.
 */
import { parseArgs } from 'node:util';
import { ClaimsError, viewerFromClaims, type Viewer } from '@youth-care/lib/auth/viewer';
import { loadConfig } from '@youth-care/lib/config';
import { mintToken } from './auth/mint.js';

const USAGE =
  'usage: npm run token -- --role provider --agb <8 digits> | --role region-analyst --region <JZxx>' +
  ' | --role learning-circle --regions <JZxx,JZyy> | --role admin [--sub <name>] [--hours <n>]';

class UsageError extends Error {}

/** The one option each role takes besides --sub and --hours, and the claim it becomes. */
const ROLE_OPTION: Readonly<Record<string, string | undefined>> = {
  provider: 'agb',
  'region-analyst': 'region',
  'learning-circle': 'regions',
  admin: undefined,
};
const ROLE_SPECIFIC = ['agb', 'region', 'regions'];
const MAX_HOURS = 24 * 30;

function parse(args: string[]): { viewer: Viewer; expiresInSeconds: number } {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        role: { type: 'string' },
        sub: { type: 'string' },
        hours: { type: 'string' },
        agb: { type: 'string' },
        region: { type: 'string' },
        regions: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs names unknown or incomplete options well; only its message is wanted.
    throw new UsageError((error as Error).message);
  }
  const { role } = values;
  if (!role) throw new UsageError('--role is required');
  if (!Object.hasOwn(ROLE_OPTION, role)) throw new UsageError(`--role must be one of ${Object.keys(ROLE_OPTION).join(', ')}, got "${role}"`);
  const own = ROLE_OPTION[role];
  const stray = ROLE_SPECIFIC.find((name) => name !== own && values[name] !== undefined);
  if (stray) throw new UsageError(`--${stray} does not apply to --role ${role}`);
  if (own && values[own] === undefined) throw new UsageError(`--role ${role} needs --${own}`);

  const claims: Record<string, unknown> = { role, sub: values.sub ?? `cli-${role}` };
  if (own === 'regions') claims.regions = values.regions?.split(',').map((r) => r.trim()).filter(Boolean);
  else if (own) claims[own] = values[own];
  let viewer: Viewer;
  try {
    viewer = viewerFromClaims(claims);
  } catch (error) {
    // The claim names are the option names, so the gateway's own check reads as a usage message.
    if (error instanceof ClaimsError) throw new UsageError(error.message.replace(/^claim (\w+)/, '--$1'));
    throw error;
  }

  const hours = values.hours === undefined ? 8 : Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_HOURS) {
    throw new UsageError(`--hours must be a number above 0 and at most ${MAX_HOURS}, got "${values.hours}"`);
  }
  return { viewer, expiresInSeconds: Math.round(hours * 3600) };
}

try {
  const { viewer, expiresInSeconds } = parse(process.argv.slice(2));
  process.stdout.write(`${await mintToken(loadConfig().auth, viewer, { expiresInSeconds })}\n`);
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`token: ${error.message}; ${USAGE}\n`);
    process.exitCode = 2;
  } else if (error instanceof Error) {
    // A configuration problem or a missing secret: the message says which, a stack would not.
    process.stderr.write(`token: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
