import { z } from 'zod';
import { PRODUCT_CATEGORIES } from '@youth-care/lib/codes/product-categories';
import { END_REASONS, FINANCING_VARIANTS, FREQUENCIES, REFERRER_TYPES, UNITS } from '@youth-care/lib/codes/ijw';
import { membersOn, type RegionInfo } from '@youth-care/lib/regions/registry';
import { GOAL_ATTAINMENT, PLAN_KINDS } from '../db/schema.js';

/**
 * The records a region's care administration exports, one JSON object per line, shaped after
 * the iJw messages: JW315 request for allocation, JW301 allocation, JW305 start of care,
 * JW307 end of care, JW323 declaration; and PLAN for a care plan. `client` and `family` are the
 * administration's own identifiers (a BSN, say): they are turned into pseudonyms at import and
 * never stored. Each problem reads as the field's path followed by the rule it breaks.
 */
const ID = /^[A-Za-z0-9._-]{1,64}$/;
const PRODUCT_CODE = /^\d{2}[A-Z0-9]{3}$/;

const isDate = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

const text = (pattern: RegExp = ID) => z.string({ error: 'is missing or malformed' }).regex(pattern, { error: 'is missing or malformed' });
const date = () => z.custom<string>(isDate, { error: 'must be a date as YYYY-MM-DD' });
const flag = () => z.boolean({ error: 'must be true or false' });
const whole = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const euros = () => {
  const error = 'must be an amount in euros with at most two decimals';
  return z.number({ error }).min(0, { error }).max(10_000_000, { error }).refine((v) => Math.round(v * 100) === v * 100, { error });
};
const coded = (list: readonly { code: string }[], listName: string) =>
  z.custom<string>((v) => typeof v === 'string' && list.some((item) => item.code === v), {
    error: (issue) => `${JSON.stringify(issue.input)} is not in code list ${listName}`,
  });
const oneOf = <T extends string>(values: readonly [T, ...T[]]) => z.enum(values, { error: `must be one of ${values.join(', ')}` });

const request = z.object({
  message: z.literal('JW315'),
  trajectory: text(),
  client: text(/^.{1,64}$/),
  birthYear: whole(1990, 2100),
  municipality: text(/^GM\d{4}$/),
  referrerType: coded(REFERRER_TYPES, 'COD327'),
  productCategory: coded(PRODUCT_CATEGORIES, 'JZ020'),
  productCode: text(PRODUCT_CODE),
  provider: text(/^\d{8}$/),
  requestedOn: date(),
  crisis: flag(),
  residential: flag(),
});
/**
 * When the municipality's own access team referred (COD327 01) the region allocates straight
 * away, without a JW315: the allocation then names the young person and the referrer itself, with
 * the fields of a JW315 (client, birthYear, municipality, referrerType, provider, crisis,
 * residential); otherwise it carries none of them.
 */
const allocation = z.object({
  message: z.literal('JW301'),
  trajectory: text(),
  client: text(/^.{1,64}$/).optional(),
  birthYear: whole(1990, 2100).optional(),
  municipality: text(/^GM\d{4}$/).optional(),
  referrerType: coded(REFERRER_TYPES, 'COD327').optional(),
  provider: text(/^\d{8}$/).optional(),
  crisis: flag().optional(),
  residential: flag().optional(),
  allocation: text(),
  allocatedOn: date(),
  productCode: text(PRODUCT_CODE),
  volume: whole(1, 1_000_000),
  unit: coded(UNITS, 'WJ756'),
  frequency: coded(FREQUENCIES, 'WMO757'),
  validFrom: date(),
  validUntil: date().nullish().transform((v) => v ?? null),
  financingVariant: oneOf(FINANCING_VARIANTS),
});
const start = z.object({ message: z.literal('JW305'), trajectory: text(), startedOn: date() });
const end = z.object({ message: z.literal('JW307'), trajectory: text(), endedOn: date(), endReason: coded(END_REASONS, 'JZ588') });
const declaration = z.object({
  message: z.literal('JW323'),
  trajectory: text(),
  /** YYYY-MM: a declaration covers one calendar month. */
  month: text(/^\d{4}-(0[1-9]|1[0-2])$/),
  productCode: text(PRODUCT_CODE),
  volume: whole(0, 1_000_000),
  unit: coded(UNITS, 'WJ756'),
  amountEuros: euros(),
  bridgingCare: flag().default(false),
});
const plan = z.object({
  message: z.literal('PLAN'),
  plan: text(),
  kind: oneOf(PLAN_KINDS),
  family: text(/^.{1,64}$/),
  trajectory: text().nullish().transform((v) => v ?? null),
  coordinator: text(/^.{1,100}$/),
  startedOn: date(),
  goals: z
    .array(
      z.object(
        {
          description: z.string({ error: 'must be text of at most 500 characters' }).refine((d) => d.trim() !== '' && d.length <= 500, { error: 'must be text of at most 500 characters' }),
          attainment: oneOf(GOAL_ATTAINMENT),
        },
        { error: 'must be an object with a description and an attainment' },
      ),
      { error: 'must list 1 to 50 goals' },
    )
    .min(1, { error: 'must list 1 to 50 goals' })
    .max(50, { error: 'must list 1 to 50 goals' }),
});

const SCHEMAS = { JW315: request, JW301: allocation, JW305: start, JW307: end, JW323: declaration, PLAN: plan } as const;

export type RequestRecord = z.output<typeof request>;
export type AllocationRecord = z.output<typeof allocation>;
export type StartRecord = z.output<typeof start>;
export type EndRecord = z.output<typeof end>;
export type DeclarationRecord = z.output<typeof declaration>;
export type PlanRecord = z.output<typeof plan>;
export type AccessRecord = RequestRecord | AllocationRecord | StartRecord | EndRecord | DeclarationRecord | PlanRecord;

const isMessage = (value: unknown): value is keyof typeof SCHEMAS => typeof value === 'string' && Object.hasOwn(SCHEMAS, value);

/** `goals[0].description`, from zod's path. */
const pathText = (path: readonly PropertyKey[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');

/** One problem per field, the first rule it breaks. */
function problemsOf(error: z.ZodError): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const issue of error.issues) {
    const where = pathText(issue.path);
    if (seen.has(where)) continue;
    seen.add(where);
    problems.push(`${where} ${issue.message}`);
  }
  return problems;
}

/** The units (WJ756) each financing variant counts in; a task-based allocation is not counted per client. */
export const UNITS_BY_VARIANT: Readonly<Record<(typeof FINANCING_VARIANTS)[number], readonly string[] | null>> = {
  INSPANNINGSGERICHT: ['01', '04', '14', '16', '82'],
  OUTPUTGERICHT: ['83', '84'],
  TAAKGERICHT: null,
};

/** The fields a municipal-route JW301 must carry, beyond crisis and residential (false when left out). */
const REFERRAL_FIELDS = ['client', 'birthYear', 'municipality', 'provider'] as const;

/**
 * What no single field shows: the municipality on the day, the product code's category, the
 * validity period, a municipal-route allocation's referral in full, the unit against the financing variant.
 */
function crossChecks(input: Record<string, unknown>, region: RegionInfo): string[] {
  const problems: string[] = [];
  const { message, requestedOn, allocatedOn, municipality, productCode, productCategory, validFrom, validUntil } = input;
  const referredOn = message === 'JW315' ? requestedOn : message === 'JW301' && input.referrerType !== undefined ? allocatedOn : undefined;
  if (isDate(referredOn) && !membersOn(region, referredOn).some((m) => m.code === municipality)) {
    problems.push(`municipality ${String(municipality)} is not part of ${region.name} (${region.code}) on ${referredOn}`);
  }
  if (message === 'JW301' && input.referrerType !== undefined) {
    for (const field of REFERRAL_FIELDS) if (input[field] === undefined) problems.push(`${field} is missing or malformed`);
  }
  const units = message === 'JW301' ? UNITS_BY_VARIANT[input.financingVariant as (typeof FINANCING_VARIANTS)[number]] : undefined;
  if (units && typeof input.unit === 'string' && !units.includes(input.unit)) {
    problems.push(`unit ${input.unit} does not fit financing variant ${String(input.financingVariant)} (units ${units.join(', ')})`);
  }
  if (message === 'JW315' && typeof productCode === 'string' && PRODUCT_CODE.test(productCode) && productCode.slice(0, 2) !== productCategory) {
    problems.push(`productCode ${productCode} does not belong to product category ${String(productCategory)}`);
  }
  if (message === 'JW301' && isDate(validFrom) && isDate(validUntil) && validUntil < validFrom) problems.push('validUntil lies before validFrom');
  return problems;
}

/** Validates one parsed line against the record shapes and code lists of the region. */
export function checkRecord(raw: unknown, region: RegionInfo): { record?: AccessRecord; problems: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problems: ['a record must be a JSON object'] };
  const input = raw as Record<string, unknown>;
  if (!isMessage(input.message)) {
    return { problems: [`message must be one of ${Object.keys(SCHEMAS).join(', ')}; got ${JSON.stringify(input.message)}`] };
  }
  const parsed = SCHEMAS[input.message].safeParse(input);
  const problems = [...(parsed.success ? [] : problemsOf(parsed.error)), ...crossChecks(input, region)];
  return parsed.success && problems.length === 0 ? { record: parsed.data, problems: [] } : { problems };
}

/** Who the young person is and who referred them: a JW315 carries it, and so does a JW301 on the municipal route. */
export type ReferralFields = Pick<RequestRecord, 'client' | 'birthYear' | 'municipality' | 'referrerType' | 'provider' | 'crisis' | 'residential'>;

/** The referral a municipal-route allocation carries; checkRecord admits it whole or not at all. */
export function referralOf(record: AllocationRecord): ReferralFields | null {
  const { client, birthYear, municipality, referrerType, provider } = record;
  if (referrerType === undefined || client === undefined || birthYear === undefined || municipality === undefined || provider === undefined) return null;
  return { client, birthYear, municipality, referrerType, provider, crisis: record.crisis ?? false, residential: record.residential ?? false };
}

/** The month a declaration covers, as the date of its first day. */
export const monthStartOf = (month: string) => `${month}-01`;
