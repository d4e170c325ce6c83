import { whenQuiet } from '@youth-care/lib/activity';
import { refreshStatistics } from '@youth-care/lib/db/maintenance';
import type { RegionSource, RegionSources } from '@youth-care/lib/db/region-sources';
import { addDays, addMonths, monthStart } from '@youth-care/lib/dates';
import { regionDemoProviders, weighted, type DemoProvider } from '@youth-care/lib/demo/providers';
import type { Log } from '@youth-care/lib/errors';
import { Random } from '@youth-care/lib/random';
import { youthPopulation } from '@youth-care/lib/regions/population';
import { demoShapeOf, hasDemoData, membersOn, regionInfo, type DemoRegionCode, type RegionCode } from '@youth-care/lib/regions/registry';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import type { DemoOptions } from '@youth-care/lib/subgraph';
import { replaceBudgets, type BudgetLine } from './db/budget-repository.js';
import { completeDemoLoad, recordedDemoLoad, startDemoLoad, type DemoInputs } from './db/demo-load-repository.js';
import { tableCounts } from './db/import-repository.js';
import type { AccessTables } from './db/schema.js';
import { importRecords } from './import/importer.js';
import type { AccessRecord } from './import/records.js';
import { DemoGenerator } from './seed-thread.js';

/*
 * Demo referrals, shaped after the regions' own figures: about 1 in 7 young people receives
 * youth care in a year, FoodValley has about 5,000 in care in a month, and at scale 1 the five
 * regions hold some 200,000 trajectories over four years. Referrer mixes, waits, durations and
 * end reasons differ by region as their plans describe. Referrals by the municipality's own
 * access team are allocated straight away, without a request (JW315), as iJw has it.
 * Declarations cover the last two full years and the current one (spending per month for a
 * whole year, and year to date). Everything goes in through the import, as a region's own export
 * would. A pure function of its inputs (seed, scale, last day), which are recorded before the
 * first batch, so a load resumed on another day goes on with the same history.
 */
const YEARS = 4;
/** Full years of declarations before the current one. */
const DECLARED_FULL_YEARS = 2;
/** Records per import batch: a batch is one transaction, and queries wait while it writes. */
const BATCH_RECORDS = 1_000;
const YEARLY_SHARE_IN_CARE = 0.14;

interface AccessProfile {
  readonly referrers: readonly (readonly [string, number])[];
  /** Median days from request to allocation and from allocation to start. */
  readonly allocationDays: number;
  readonly waitDays: number;
  /** Mean length of care in days. */
  readonly durationDays: number;
  readonly endReasons: readonly (readonly [string, number])[];
  /** Chance that a young person whose care ended according to plan comes back within a year. */
  readonly returns: number;
}

const REFERRERS = (municipality: number, gp: number): (readonly [string, number])[] => [
  ['01', municipality], ['02', gp], ['03', 4], ['04', 6], ['05', 5], ['06', 3], ['08', 2],
];
const ENDS = (plan: number, client: number): (readonly [string, number])[] => [
  ['31', plan], ['32', client], ['33', 5], ['34', 10], ['35', 4], ['38', 4], ['39', 3], ['02', 0.1],
];

const PROFILES: Record<DemoRegionCode, AccessProfile> = {
  JZ35: { referrers: REFERRERS(42, 30), allocationDays: 9, waitDays: 35, durationDays: 200, endReasons: ENDS(62, 9), returns: 0.12 },
  JZ33: { referrers: REFERRERS(38, 36), allocationDays: 12, waitDays: 30, durationDays: 190, endReasons: ENDS(60, 10), returns: 0.14 },
  // FoodValley steers on declarations; its local teams refer most.
  JZ21: { referrers: REFERRERS(52, 25), allocationDays: 7, waitDays: 28, durationDays: 180, endReasons: ENDS(64, 8), returns: 0.11 },
  // Midden-Limburg West analyses who refers to which care: GPs refer much.
  JZ43: { referrers: REFERRERS(33, 42), allocationDays: 10, waitDays: 25, durationDays: 175, endReasons: ENDS(58, 12), returns: 0.13 },
  // West-Brabant Oost: waiting lists growing, trajectories longer than the national average.
  JZ34: { referrers: REFERRERS(40, 32), allocationDays: 14, waitDays: 55, durationDays: 260, endReasons: ENDS(55, 13), returns: 0.16 },
};

interface Product {
  readonly unit: string;
  readonly frequency: string;
  readonly volume: (rng: Random) => number;
  readonly tariff: number;
  readonly financing: 'INSPANNINGSGERICHT' | 'OUTPUTGERICHT';
}
const HOURS_A_WEEK: Product = { unit: '04', frequency: '2', volume: (r) => r.int(1, 4), tariff: 82, financing: 'INSPANNINGSGERICHT' };
const PRODUCTS: Record<string, Product> = {
  '40': HOURS_A_WEEK,
  '41': { unit: '16', frequency: '2', volume: (r) => r.int(2, 5), tariff: 118, financing: 'INSPANNINGSGERICHT' },
  '42': { unit: '84', frequency: '4', volume: (r) => r.int(8, 22), tariff: 31, financing: 'OUTPUTGERICHT' },
  '43': { unit: '14', frequency: '4', volume: () => 31, tariff: 312, financing: 'INSPANNINGSGERICHT' },
  '44': { unit: '14', frequency: '4', volume: () => 31, tariff: 198, financing: 'INSPANNINGSGERICHT' },
  '45': HOURS_A_WEEK,
  '46': { unit: '14', frequency: '6', volume: (r) => r.int(7, 28), tariff: 390, financing: 'INSPANNINGSGERICHT' },
  '50': HOURS_A_WEEK,
  '51': { unit: '84', frequency: '6', volume: () => 1, tariff: 1_450, financing: 'OUTPUTGERICHT' },
  '52': { unit: '84', frequency: '6', volume: () => 1, tariff: 3_900, financing: 'OUTPUTGERICHT' },
  '53': HOURS_A_WEEK,
  '54': { unit: '04', frequency: '2', volume: (r) => r.int(1, 3), tariff: 104, financing: 'INSPANNINGSGERICHT' },
};

const GOALS = ['Weer naar school', 'Rust in het gezin', 'Zelfstandig wonen', 'Omgaan met emoties', 'Veilig opgroeien', 'Werk of opleiding'];

/** Days drawn from a long-tailed distribution around a median, as waits and care lengths are. */
function days(rng: Random, median: number): number {
  return Math.max(0, Math.round(median * Math.exp(rng.normal() * 0.6)));
}

interface Client {
  readonly id: string;
  readonly family: string;
  readonly birthYear: number;
  readonly municipality: string;
}

/** The inputs of a new demo load: the history runs to the end of DEMO_UNTIL's month, or to today. */
export function demoInputs(code: RegionCode, options: DemoOptions, today: string): DemoInputs {
  const lastDay = addDays(addMonths(monthStart(options.until ?? today), 1), -1);
  return { seed: `access-${code}`, scale: options.scale, endsOn: lastDay < today ? lastDay : today };
}

/** The region's demo history in the order it is made; see accessRecords. */
export function generateAccessRecords(code: RegionCode, inputs: DemoInputs): AccessRecord[] {
  return [...accessRecords(code, inputs)].flatMap((part) => part.records);
}

/**
 * The region's demo history, trajectory by trajectory in order of request: each part holds the
 * records made since the last, and `from` the day from which every later record is dated (in
 * that day's month or after), or null at the end.
 */
function* accessRecords(code: RegionCode, inputs: DemoInputs): Generator<{ records: AccessRecord[]; from: string | null }> {
  const rng = new Random(inputs.seed);
  const profile = PROFILES[demoShapeOf(code)];
  const region = regionInfo(code);
  const end = inputs.endsOn;
  const lastMonth = monthStart(end);
  const firstDay = addMonths(lastMonth, -12 * YEARS + 1);
  const declareFrom = `${Number(lastMonth.slice(0, 4)) - DECLARED_FULL_YEARS}-01-01`;
  const providers = regionDemoProviders(code, inputs.scale).filter((p) => p.productCategories.some((c) => PRODUCTS[c]));
  const byCategory = new Map<string, DemoProvider[]>();
  for (const p of providers) for (const c of p.productCategories) if (PRODUCTS[c]) byCategory.set(c, [...(byCategory.get(c) ?? []), p]);
  const categories = [...byCategory.keys()].map((c) => [c, (byCategory.get(c)?.length ?? 0) * (c === '45' ? 3 : 1)] as const);

  const weightsByMonth = new Map<string, (readonly [string, number])[]>();
  const municipalityWeights = (day: string) => {
    const month = day.slice(0, 7);
    let weights = weightsByMonth.get(month);
    if (!weights) {
      weights = membersOn(region, day).map((m) => [m.code, youthPopulation(m.code, Number(day.slice(0, 4)))?.youth0to17 ?? 1] as const);
      weightsByMonth.set(month, weights);
    }
    return weights;
  };
  let records: AccessRecord[] = [];
  const clients: Client[] = [];
  let coordinators = 0;
  const familyCoordinator = new Map<string, string>();

  const youth = membersOn(region, firstDay).reduce((sum, m) => sum + (youthPopulation(m.code, Number(firstDay.slice(0, 4)))?.youth0to17 ?? 0), 0);
  const perYear = Math.max(5, Math.round(youth * YEARLY_SHARE_IN_CARE * inputs.scale));
  const total = perYear * YEARS;
  const span = Math.max(1, Math.round((Date.parse(end) - Date.parse(firstDay)) / 86_400_000));
  // Young people due back after care that ended according to plan, soonest first.
  const returning: { client: Client; after: string }[] = [];
  const comeBack = (entry: { client: Client; after: string }) => {
    let low = 0;
    let high = returning.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (returning[mid]!.after <= entry.after) low = mid + 1;
      else high = mid;
    }
    returning.splice(low, 0, entry);
  };

  for (let n = 0; n < total; n++) {
    const requestedOn = addDays(firstDay, Math.floor((n / total) * span));
    // Every record of this trajectory and the later ones is dated from its request on.
    if (records.length > 0) yield { records, from: requestedOn };
    records = [];
    if (requestedOn > end) break;
    let client: Client;
    if (returning.length > 0 && returning[0]!.after <= requestedOn) {
      client = returning.shift()!.client;
      // A municipality may have merged since the first referral: the young person now lives in its successor.
      if (!membersOn(region, requestedOn).some((m) => m.code === client.municipality)) client = { ...client, municipality: weighted(rng, municipalityWeights(requestedOn)) };
    }
    else {
      const municipality = weighted(rng, municipalityWeights(requestedOn));
      const age = Math.min(17, Math.floor(rng.next() ** 0.7 * 18));
      client = { id: `${code}-C${clients.length}`, family: `${code}-F${Math.floor(clients.length * 0.8)}`, birthYear: Number(requestedOn.slice(0, 4)) - age, municipality };
      clients.push(client);
    }
    const category = weighted(rng, categories);
    const provider = rng.pick(byCategory.get(category) ?? providers);
    const product = PRODUCTS[category]!;
    const crisis = category === '46';
    const trajectory = `${code}-T${String(n).padStart(7, '0')}`;
    const productCode = `${category}${rng.pick(['A01', 'A02', 'B01'])}`;
    const referral = {
      client: client.id,
      birthYear: client.birthYear,
      municipality: client.municipality,
      referrerType: weighted(rng, profile.referrers),
      provider: provider.agbCode,
      crisis,
      residential: category === '43' || category === '44',
    };
    // The access team's own referrals are allocated on the day, without a request; crises start before any allocation.
    const municipal = referral.referrerType === '01' && !crisis;
    if (!municipal) records.push({ message: 'JW315', trajectory, ...referral, productCategory: category, productCode, requestedOn });
    const startedOn = crisis ? addDays(requestedOn, rng.int(0, 1)) : undefined;
    const allocatedOn = crisis ? addDays(startedOn!, rng.int(1, 20)) : municipal ? requestedOn : addDays(requestedOn, days(rng, profile.allocationDays));
    if (allocatedOn > end) continue;
    const start = startedOn ?? addDays(allocatedOn, days(rng, profile.waitDays));
    const duration = Math.max(7, days(rng, crisis ? 21 : profile.durationDays));
    const endedOn = addDays(start, duration);
    const validUntil = product.frequency === '6' || rng.chance(0.3) ? null : addMonths(monthStart(endedOn), 2);
    const volume = product.volume(rng);
    const allocation = `${trajectory}-A1`;
    records.push({
      message: 'JW301',
      trajectory,
      ...(municipal ? referral : {}),
      allocation,
      allocatedOn,
      productCode,
      volume,
      unit: product.unit,
      frequency: product.frequency,
      validFrom: startedOn ?? allocatedOn,
      validUntil,
      financingVariant: product.financing,
    });
    if (start > end) continue;
    records.push({ message: 'JW305', trajectory, startedOn: start });
    const ended = endedOn <= end;
    if (ended) {
      const reason = weighted(rng, profile.endReasons);
      records.push({ message: 'JW307', trajectory, endedOn, endReason: reason });
      if (reason === '31' && rng.chance(profile.returns)) comeBack({ client, after: addDays(endedOn, rng.int(30, 330)) });
    }
    const lastCareMonth = (ended ? endedOn : end).slice(0, 7);
    let month = monthStart(start) < declareFrom ? declareFrom : monthStart(start);
    let totalDeclared = 0;
    while (month.slice(0, 7) <= lastCareMonth && (validUntil === null || month <= validUntil)) {
      const monthVolume = product.frequency === '6' ? Math.min(volume - totalDeclared, product.unit === '84' ? volume : rng.int(3, 9)) : Math.min(volume * (product.frequency === '2' ? 4 : 1), product.frequency === '4' ? 31 : 1000);
      if (monthVolume <= 0) break;
      totalDeclared += monthVolume;
      records.push({
        message: 'JW323',
        trajectory,
        month: month.slice(0, 7),
        productCode,
        volume: monthVolume,
        unit: product.unit,
        amountEuros: Math.round(monthVolume * product.tariff * 100) / 100,
        bridgingCare: month === monthStart(start) && days(rng, profile.waitDays) > 56,
      });
      month = addMonths(month, 1);
    }
    const age = Number(start.slice(0, 4)) - client.birthYear;
    const plan = (kind: 'FAMILY_PLAN' | 'PERSPECTIVE_PLAN' | 'FUTURE_PLAN' | 'SUPPORT_PLAN', withTrajectory: boolean) => {
      let coordinator = familyCoordinator.get(client.family);
      if (!coordinator) familyCoordinator.set(client.family, (coordinator = `${code}-R${coordinators++ % 400}`));
      records.push({
        message: 'PLAN',
        plan: `${trajectory}-${kind.slice(0, 2)}`,
        kind,
        family: client.family,
        trajectory: withTrajectory ? trajectory : null,
        coordinator,
        startedOn: start,
        goals: Array.from({ length: rng.int(1, 3) }, () => ({
          description: rng.pick(GOALS),
          attainment: weighted(rng, [['ACHIEVED', ended ? 45 : 10], ['PARTLY_ACHIEVED', 30], ['NOT_ACHIEVED', ended ? 15 : 5], ['OPEN', ended ? 2 : 50]]) as
            'ACHIEVED' | 'PARTLY_ACHIEVED' | 'NOT_ACHIEVED' | 'OPEN',
        })),
      });
    };
    if (category === '43' || category === '44') {
      if (rng.chance(0.75)) plan('PERSPECTIVE_PLAN', true);
    } else if (rng.chance(0.25)) plan('FAMILY_PLAN', false);
    if (age >= 16 && rng.chance(0.55)) plan('FUTURE_PLAN', true);
  }
  yield { records, from: null };
}

/** The budget line a demo category is planned under, after Noordoost-Brabant's financieel kader. */
const BUDGET_LINE: Record<string, string> = { '43': 'Verblijf', '44': 'Verblijf', '46': 'Crisis', '51': 'Jeugd-GGZ', '52': 'Jeugd-GGZ', '54': 'Jeugd-GGZ' };

/** Declared euros by "year|product category", added to as batches of records come. */
type DeclaredSpending = Map<string, number>;

function addDeclared(declared: DeclaredSpending, records: readonly AccessRecord[]): DeclaredSpending {
  for (const r of records) {
    if (r.message !== 'JW323') continue;
    const key = `${r.month.slice(0, 4)}|${r.productCode.slice(0, 2)}`;
    declared.set(key, (declared.get(key) ?? 0) + r.amountEuros);
  }
  return declared;
}

/**
 * A demo budget for every year with declarations, per product category: what the region came to
 * declare give or take a tenth (budgets are set before the year), and for the year in progress
 * last year's spending plus 3 %. Rounded to thousands of euros, as budget plans are.
 */
export function demoBudget(code: RegionCode, records: readonly AccessRecord[]): BudgetLine[] {
  return budgetFor(code, addDeclared(new Map(), records));
}

function budgetFor(code: RegionCode, declared: DeclaredSpending): BudgetLine[] {
  const rng = new Random(`budget-${code}`);
  const years = [...new Set([...declared.keys()].map((k) => Number(k.split('|')[0])))].sort();
  const current = years[years.length - 1];
  const lines: BudgetLine[] = [];
  for (const [key, euros] of [...declared].sort(([a], [b]) => a.localeCompare(b))) {
    const [yearText, productCategory] = key.split('|') as [string, string];
    const year = Number(yearText);
    const basis = year === current ? (declared.get(`${year - 1}|${productCategory}`) ?? euros) * 1.03 : euros * (0.9 + rng.next() * 0.2);
    lines.push({ year, productCategory, line: BUDGET_LINE[productCategory] ?? 'ZIN Kader', euros: Math.max(1000, Math.round(basis / 1000) * 1000) });
  }
  return lines;
}

/** The month a record's message belongs to: declarations are sent after the month they cover. */
function messageMonth(record: AccessRecord): string {
  switch (record.message) {
    case 'JW315':
      return record.requestedOn.slice(0, 7);
    case 'JW301':
      return record.allocatedOn.slice(0, 7);
    case 'JW305':
      return record.startedOn.slice(0, 7);
    case 'JW307':
      return record.endedOn.slice(0, 7);
    case 'JW323':
      return addMonths(`${record.month}-01`, 1).slice(0, 7);
    case 'PLAN':
      return record.startedOn.slice(0, 7);
  }
}

/**
 * A region's demo history as named import batches: the messages of each month as a care
 * administration would export them, in parts small enough that one part's transaction keeps
 * queries waiting well under a second. A month is handed out as soon as no later record can fall
 * in it, so only the records of months still open are held, not the whole history. Consecutive
 * months that fit in one part together go as one batch (`2023-01..2023-04`): each batch costs a
 * few statements whatever its size, and at small demo scales a month holds a handful of records.
 * A month too large for one part goes alone, in parts (`2023-05:1`, `2023-05:2`).
 */
export function* demoBatches(code: RegionCode, inputs: DemoInputs): Generator<[string, AccessRecord[]]> {
  const open = new Map<string, AccessRecord[]>();
  let closedThrough = '';
  let pending: { first: string; last: string; records: AccessRecord[] } | undefined;
  const flush = function* (): Generator<[string, AccessRecord[]]> {
    if (!pending) return;
    yield [pending.first === pending.last ? `${pending.first}:1` : `${pending.first}..${pending.last}`, pending.records];
    pending = undefined;
  };
  for (const { records, from } of accessRecords(code, inputs)) {
    for (const record of records) {
      const month = messageMonth(record);
      if (month <= closedThrough) throw new Error(`a demo record of ${month} came after that month was handed out`);
      const batch = open.get(month);
      if (batch) batch.push(record);
      else open.set(month, [record]);
    }
    const closed = [...open.keys()].filter((month) => from === null || month < from.slice(0, 7)).sort();
    for (const month of closed) {
      const monthRecords = open.get(month)!;
      open.delete(month);
      closedThrough = month;
      if (pending && pending.records.length + monthRecords.length > BATCH_RECORDS) yield* flush();
      if (monthRecords.length > BATCH_RECORDS) {
        for (let i = 0; i * BATCH_RECORDS < monthRecords.length; i++) {
          yield [`${month}:${i + 1}`, monthRecords.slice(i * BATCH_RECORDS, (i + 1) * BATCH_RECORDS)];
        }
      } else if (pending) {
        pending.last = month;
        pending.records.push(...monthRecords);
      } else pending = { first: month, last: month, records: monthRecords };
    }
  }
  yield* flush();
}

/** The years whose December a batch named by demoBatches begins or holds: a load reports its progress a year at a time. */
function decembersIn(part: string): number[] {
  const single = /^(\d{4})-(\d{2}):(\d+)$/.exec(part);
  if (single) return single[2] === '12' && single[3] === '1' ? [Number(single[1])] : [];
  const [first, last] = part.split('..') as [string, string];
  const years: number[] = [];
  for (let year = Number(first.slice(0, 4)); year < Number(last.slice(0, 4)) || (last.endsWith('-12') && year === Number(last.slice(0, 4))); year++) years.push(year);
  return years;
}

/**
 * Loads one region's demo history, generated on a worker thread, one batch at a time through the
 * import, each waiting until no request is being answered, so the federation keeps answering.
 * Each batch is one transaction and is skipped when imported before, so a load stopped at any
 * point (a signal, kill -9) resumes where it stopped; the recorded inputs make it the same
 * history on any later day.
 */
async function loadRegion(
  source: RegionSource<AccessTables>,
  code: RegionCode,
  options: DemoOptions,
  pseudonymKey: string,
  generator: DemoGenerator,
  log: Log,
): Promise<void> {
  let load = await recordedDemoLoad(source);
  if (load?.complete) return;
  if (!load) {
    const inputs = demoInputs(code, options, todayInNetherlands());
    if (!(await startDemoLoad(source, inputs))) {
      log(`access demo data for ${code} not loaded: the region holds referrals of its own`);
      return;
    }
    load = { ...inputs, complete: false };
  } else if (load.scale !== options.scale || (options.until && monthStart(options.until) !== monthStart(load.endsOn))) {
    log(`access demo data for ${code} resumes as it began`, { scale: load.scale, endsOn: load.endsOn });
  }
  const started = Date.now();
  const inputs: DemoInputs = { seed: load.seed, scale: load.scale, endsOn: load.endsOn };
  // Checked against the history's own last day, so a resumed load judges its records as the first start did.
  const context = { source, region: regionInfo(code), pseudonymKey, today: load.endsOn };
  let records = 0;
  // Every batch comes again on a resumed load (those already in are no-ops), so the budget sees all
  // declarations; only their sums are kept, not the records.
  const declared: DeclaredSpending = new Map();
  for await (const [part, batch] of generator.batches(code, inputs)) {
    await whenQuiet();
    const report = await importRecords(context, batch, `demo:${code}:${load.seed}:${load.scale}:${load.endsOn}:${part}`);
    if (report.status === 'REJECTED') throw new Error(`demo data for ${code} ${part} was rejected: ${JSON.stringify(report.problems.slice(0, 5))}`);
    for (const year of decembersIn(part)) log(`access demo data for ${code}: ${year} loading its last month`);
    records += batch.length;
    addDeclared(declared, batch);
  }
  await replaceBudgets(source, budgetFor(code, declared));
  await refreshStatistics(source.db, Object.values(source.tables));
  await completeDemoLoad(source);
  log(`access demo data for ${code}`, { records, ...(await tableCounts(source)), ms: Date.now() - started });
}

/** Fills every served region with its demo history; a region that fails is reported and skipped. */
export async function seedAccessDemo(
  sources: RegionSources<AccessTables>,
  options: DemoOptions,
  pseudonymKeyOf: (code: RegionCode) => string,
  log: Log,
): Promise<void> {
  const generator = new DemoGenerator();
  try {
    for (const code of sources.regions.filter(hasDemoData)) {
      const source = sources.prepared(code);
      if (!source) continue;
      try {
        await loadRegion(source, code, options, pseudonymKeyOf(code), generator, log);
      } catch (error) {
        log(`access demo data for ${code} failed; the region is left as it is and the next start resumes it`, error);
      }
    }
  } finally {
    await generator.close();
  }
}
