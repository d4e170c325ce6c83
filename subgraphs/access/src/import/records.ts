import { PRODUCT_CATEGORIES } from '@youth-care/lib/codes/product-categories';
import { END_REASONS, FINANCING_VARIANTS, FREQUENCIES, REFERRER_TYPES, UNITS } from '@youth-care/lib/codes/ijw';
import { membersOn, type RegionInfo } from '@youth-care/lib/regions/registry';
import { GOAL_ATTAINMENT, PLAN_KINDS } from '../db/schema.js';

/**
 * The records a region's care administration exports, one JSON object per line, shaped after
 * the iJw messages: JW315 request for allocation, JW301 allocation, JW305 start of care,
 * JW307 end of care, JW323 declaration; and PLAN for a care plan. `client` and `family` are the
 * administration's own identifiers (a BSN, say): they are turned into pseudonyms at import and
 * never stored.
 */
export interface RequestRecord {
  message: 'JW315';
  trajectory: string;
  client: string;
  birthYear: number;
  municipality: string;
  referrerType: string;
  productCategory: string;
  productCode: string;
  provider: string;
  requestedOn: string;
  crisis: boolean;
  residential: boolean;
}
/** Who the young person is and who referred them: a JW315 carries it, and so does a JW301 on the municipal route. */
export type ReferralFields = Pick<RequestRecord, 'client' | 'birthYear' | 'municipality' | 'referrerType' | 'provider' | 'crisis' | 'residential'>;

/**
 * When the municipality's own access team referred (COD327 01) the region allocates straight
 * away, without a JW315: the allocation then names the young person and the referrer itself,
 * with the fields of a JW315 (client, birthYear, municipality, referrerType, provider, crisis,
 * residential); otherwise it carries none of them.
 */
export interface AllocationRecord extends Partial<ReferralFields> {
  message: 'JW301';
  trajectory: string;
  allocation: string;
  allocatedOn: string;
  productCode: string;
  volume: number;
  unit: string;
  frequency: string;
  validFrom: string;
  validUntil: string | null;
  financingVariant: (typeof FINANCING_VARIANTS)[number];
}
export interface StartRecord {
  message: 'JW305';
  trajectory: string;
  startedOn: string;
}
export interface EndRecord {
  message: 'JW307';
  trajectory: string;
  endedOn: string;
  endReason: string;
}
export interface DeclarationRecord {
  message: 'JW323';
  trajectory: string;
  /** YYYY-MM: a declaration covers one calendar month. */
  month: string;
  productCode: string;
  volume: number;
  unit: string;
  amountEuros: number;
  bridgingCare: boolean;
}
export interface PlanRecord {
  message: 'PLAN';
  plan: string;
  kind: (typeof PLAN_KINDS)[number];
  family: string;
  trajectory: string | null;
  coordinator: string;
  startedOn: string;
  goals: { description: string; attainment: (typeof GOAL_ATTAINMENT)[number] }[];
}

export type AccessRecord = RequestRecord | AllocationRecord | StartRecord | EndRecord | DeclarationRecord | PlanRecord;


const ID = /^[A-Za-z0-9._-]{1,64}$/;
const isDate = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

class Checker {
  readonly problems: string[] = [];
  constructor(private readonly record: Record<string, unknown>) {}

  text(field: string, pattern: RegExp = ID): string {
    const value = this.record[field];
    if (typeof value !== 'string' || !pattern.test(value)) this.problems.push(`${field} is missing or malformed`);
    return String(value);
  }
  date(field: string, nullable = false): string | null {
    const value = this.record[field];
    if (nullable && (value === null || value === undefined)) return null;
    if (!isDate(value)) this.problems.push(`${field} must be a date as YYYY-MM-DD`);
    return String(value);
  }
  flag(field: string, fallback?: boolean): boolean {
    const value = this.record[field];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'boolean') this.problems.push(`${field} must be true or false`);
    return value === true;
  }
  integer(field: string, min: number, max: number): number {
    const value = this.record[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${field} must be a whole number from ${min} to ${max}`);
    }
    return Number(value);
  }
  amount(field: string): number {
    const value = this.record[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 10_000_000 || Math.round(value * 100) !== value * 100) {
      this.problems.push(`${field} must be an amount in euros with at most two decimals`);
    }
    return Number(value);
  }
  coded(field: string, list: readonly { code: string }[], listName: string): string {
    const value = this.record[field];
    if (typeof value !== 'string' || !list.some((item) => item.code === value)) {
      this.problems.push(`${field} ${JSON.stringify(value)} is not in code list ${listName}`);
    }
    return String(value);
  }
  oneOf<T extends string>(field: string, values: readonly T[]): T {
    const value = this.record[field];
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      this.problems.push(`${field} must be one of ${values.join(', ')}`);
    }
    return value as T;
  }
}

const PRODUCT_CODE = /^\d{2}[A-Z0-9]{3}$/;

/** The units (WJ756) each financing variant counts in; a task-based allocation is not counted per client. */
export const UNITS_BY_VARIANT: Readonly<Record<(typeof FINANCING_VARIANTS)[number], readonly string[] | null>> = {
  INSPANNINGSGERICHT: ['01', '04', '14', '16', '82'],
  OUTPUTGERICHT: ['83', '84'],
  TAAKGERICHT: null,
};

function memberOn(checker: Checker, region: RegionInfo, municipality: string, day: string): void {
  if (isDate(day) && !membersOn(region, day).some((m) => m.code === municipality)) {
    checker.problems.push(`municipality ${municipality} is not part of ${region.name} (${region.code}) on ${day}`);
  }
}

function productCodeFits(checker: Checker, productCode: string, category: string): void {
  if (PRODUCT_CODE.test(productCode) && productCode.slice(0, 2) !== category) {
    checker.problems.push(`productCode ${productCode} does not belong to product category ${category}`);
  }
}

/** Validates one parsed line against the record shapes and code lists of the region. */
export function checkRecord(raw: unknown, region: RegionInfo): { record?: AccessRecord; problems: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problems: ['a record must be a JSON object'] };
  const input = raw as Record<string, unknown>;
  const c = new Checker(input);
  switch (input.message) {
    case 'JW315': {
      const requestedOn = c.date('requestedOn') ?? '';
      const municipality = c.text('municipality', /^GM\d{4}$/);
      memberOn(c, region, municipality, requestedOn);
      const category = c.coded('productCategory', PRODUCT_CATEGORIES, 'JZ020');
      const productCode = c.text('productCode', PRODUCT_CODE);
      productCodeFits(c, productCode, category);
      const record: RequestRecord = {
        message: 'JW315',
        trajectory: c.text('trajectory'),
        client: c.text('client', /^.{1,64}$/),
        birthYear: c.integer('birthYear', 1990, 2100),
        municipality,
        referrerType: c.coded('referrerType', REFERRER_TYPES, 'COD327'),
        productCategory: category,
        productCode,
        provider: c.text('provider', /^\d{8}$/),
        requestedOn,
        crisis: c.flag('crisis'),
        residential: c.flag('residential'),
      };
      return c.problems.length ? { problems: c.problems } : { record, problems: [] };
    }
    case 'JW301': {
      const allocatedOn = c.date('allocatedOn') ?? '';
      const referral: ReferralFields | null =
        input.referrerType === undefined
          ? null
          : {
              client: c.text('client', /^.{1,64}$/),
              birthYear: c.integer('birthYear', 1990, 2100),
              municipality: c.text('municipality', /^GM\d{4}$/),
              referrerType: c.coded('referrerType', REFERRER_TYPES, 'COD327'),
              provider: c.text('provider', /^\d{8}$/),
              crisis: c.flag('crisis', false),
              residential: c.flag('residential', false),
            };
      if (referral) memberOn(c, region, referral.municipality, allocatedOn);
      const record: AllocationRecord = {
        message: 'JW301',
        trajectory: c.text('trajectory'),
        ...referral,
        allocation: c.text('allocation'),
        allocatedOn,
        productCode: c.text('productCode', PRODUCT_CODE),
        volume: c.integer('volume', 1, 1_000_000),
        unit: c.coded('unit', UNITS, 'WJ756'),
        frequency: c.coded('frequency', FREQUENCIES, 'WMO757'),
        validFrom: c.date('validFrom') ?? '',
        validUntil: c.date('validUntil', true),
        financingVariant: c.oneOf('financingVariant', FINANCING_VARIANTS),
      };
      if (record.validUntil !== null && isDate(record.validFrom) && isDate(record.validUntil) && record.validUntil < record.validFrom) {
        c.problems.push('validUntil lies before validFrom');
      }
      const units = UNITS_BY_VARIANT[record.financingVariant];
      if (units && !units.includes(record.unit)) {
        c.problems.push(`unit ${record.unit} does not fit financing variant ${record.financingVariant} (units ${units.join(', ')})`);
      }
      return c.problems.length ? { problems: c.problems } : { record, problems: [] };
    }
    case 'JW305': {
      const record: StartRecord = { message: 'JW305', trajectory: c.text('trajectory'), startedOn: c.date('startedOn') ?? '' };
      return c.problems.length ? { problems: c.problems } : { record, problems: [] };
    }
    case 'JW307': {
      const record: EndRecord = {
        message: 'JW307',
        trajectory: c.text('trajectory'),
        endedOn: c.date('endedOn') ?? '',
        endReason: c.coded('endReason', END_REASONS, 'JZ588'),
      };
      return c.problems.length ? { problems: c.problems } : { record, problems: [] };
    }
    case 'JW323': {
      const month = c.text('month', /^\d{4}-(0[1-9]|1[0-2])$/);
      const record: DeclarationRecord = {
        message: 'JW323',
        trajectory: c.text('trajectory'),
        month,
        productCode: c.text('productCode', PRODUCT_CODE),
        volume: c.integer('volume', 0, 1_000_000),
        unit: c.coded('unit', UNITS, 'WJ756'),
        amountEuros: c.amount('amountEuros'),
        bridgingCare: c.flag('bridgingCare', false),
      };
      return c.problems.length ? { problems: c.problems } : { record, problems: [] };
    }
    case 'PLAN': {
      const goals = input.goals;
      const checkedGoals: PlanRecord['goals'] = [];
      if (!Array.isArray(goals) || goals.length === 0 || goals.length > 50) c.problems.push('goals must list 1 to 50 goals');
      else {
        goals.forEach((goal: unknown, i) => {
          const g = goal as Record<string, unknown> | null;
          const description = g?.description;
          const attainment = g?.attainment;
          if (typeof description !== 'string' || description.trim() === '' || description.length > 500) {
            c.problems.push(`goals[${i}].description must be text of at most 500 characters`);
          }
          if (typeof attainment !== 'string' || !(GOAL_ATTAINMENT as readonly string[]).includes(attainment)) {
            c.problems.push(`goals[${i}].attainment must be one of ${GOAL_ATTAINMENT.join(', ')}`);
          }
          checkedGoals.push({ description: String(description), attainment: attainment as PlanRecord['goals'][number]['attainment'] });
        });
      }
      const record: PlanRecord = {
        message: 'PLAN',
        plan: c.text('plan'),
        kind: c.oneOf('kind', PLAN_KINDS),
        family: c.text('family', /^.{1,64}$/),
        trajectory: input.trajectory === null || input.trajectory === undefined ? null : c.text('trajectory'),
        coordinator: c.text('coordinator', /^.{1,100}$/),
        startedOn: c.date('startedOn') ?? '',
        goals: checkedGoals,
      };
      return c.problems.length ? { problems: c.problems } : { record, problems: [] };
    }
    default:
      return { problems: [`message must be one of JW315, JW301, JW305, JW307, JW323, PLAN; got ${JSON.stringify(input.message)}`] };
  }
}

/** The referral a municipal-route allocation carries; checkRecord admits it whole or not at all. */
export const referralOf = (record: AllocationRecord): ReferralFields | null =>
  record.referrerType === undefined ? null : (record as Required<AllocationRecord>);

/** The month a declaration covers, as the date of its first day. */
export const monthStartOf = (month: string) => `${month}-01`;
