import { dataVersions } from '@youth-care/lib/data-versions';
import { refreshStatistics } from '@youth-care/lib/db/maintenance';
import type { RegionSources } from '@youth-care/lib/db/region-sources';
import { addMonths, monthStart } from '@youth-care/lib/dates';
import type { Log } from '@youth-care/lib/errors';
import { regionDemoProviders } from '@youth-care/lib/demo/providers';
import { Random } from '@youth-care/lib/random';
import { demoShapeOf, hasDemoData, type DemoRegionCode, type RegionCode } from '@youth-care/lib/regions/registry';
import type { DemoOptions } from '@youth-care/lib/subgraph';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import {
  hasProviders,
  insertDataset,
  type ContractRow,
  type NewReport,
  type NormRow,
  type RegionDataset,
} from './db/repository.js';
import type { ProcurementTables } from './db/schema.js';

/*
 * Demo data: synthetic providers (names and AGB codes invented, flagged `demoData`) with
 * contracts and three years of monthly waiting-time reports, shaped after the five regions'
 * own plans. Deterministic: the same scale and end month give the same rows. At scale 1
 * West-Brabant Oost has almost 250 contracted providers, the others scale by population.
 */

const MONTHS = 36;

interface RegionProfile {
  readonly contract: (category: string, rng: Random) => Pick<ContractRow, 'form' | 'financingVariant'> & { tenderCeiling: boolean };
  /** Yearly growth of waiting times, as a fraction. */
  readonly trend: number;
  readonly norms: readonly Omit<NormRow, 'validFrom'>[];
  readonly contractStart: string;
}

const HEAVY = new Set(['43', '44', '52', '41', '46']);
const SAFETY = new Set(['47', '48', '49']);

const PROFILES: Record<DemoRegionCode, RegionProfile> = {
  // Outcome-based (resultaatgericht) contracts since 2019.
  JZ35: {
    contract: (category, rng) => ({
      form: HEAVY.has(category) || rng.chance(0.5) ? 'TENDER' : 'OPEN_HOUSE',
      financingVariant: 'OUTPUTGERICHT',
      tenderCeiling: true,
    }),
    trend: 0.05,
    norms: [{ productCategory: '54', registrationToIntakeWeeks: 4, intakeToTreatmentWeeks: 8 }],
    contractStart: '2019-01-01',
  },
  // From 2021: light care through open house, heavy care through tender.
  JZ33: {
    contract: (category) => ({
      form: HEAVY.has(category) ? 'TENDER' : 'OPEN_HOUSE',
      financingVariant: HEAVY.has(category) ? 'OUTPUTGERICHT' : 'INSPANNINGSGERICHT',
      tenderCeiling: true,
    }),
    trend: 0.03,
    norms: [],
    contractStart: '2021-01-01',
  },
  // Steers monthly on declarations; residential care is a large share of spending.
  JZ21: {
    contract: (category, rng) => ({
      form: rng.chance(0.7) ? 'OPEN_HOUSE' : 'TENDER',
      financingVariant: HEAVY.has(category) ? 'OUTPUTGERICHT' : 'INSPANNINGSGERICHT',
      tenderCeiling: true,
    }),
    trend: 0.0,
    norms: [{ productCategory: '45', registrationToIntakeWeeks: 3, intakeToTreatmentWeeks: 6 }],
    contractStart: '2020-01-01',
  },
  JZ43: {
    contract: () => ({ form: 'OPEN_HOUSE', financingVariant: 'INSPANNINGSGERICHT', tenderCeiling: false }),
    trend: -0.02,
    norms: [],
    contractStart: '2018-01-01',
  },
  // Almost 250 providers under open house; waiting lists growing; fewer partners from 2023.
  JZ34: {
    contract: (category, rng) => ({
      form: HEAVY.has(category) && rng.chance(0.4) ? 'TENDER' : 'OPEN_HOUSE',
      financingVariant: 'INSPANNINGSGERICHT',
      tenderCeiling: true,
    }),
    trend: 0.12,
    norms: [{ productCategory: '43', registrationToIntakeWeeks: 6, intakeToTreatmentWeeks: 12 }],
    contractStart: '2023-01-01',
  },
};

const LOTS: Record<string, string> = {
  '40': 'Ambulant', '41': 'Dagbehandeling', '42': 'Vervoer', '43': 'Verblijf', '44': 'Verblijf', '45': 'Ambulant',
  '46': 'Crisis', '47': 'Veiligheid', '48': 'Veiligheid', '49': 'Veiligheid', '50': 'Maatwerk', '51': 'Jeugd-GGZ',
  '52': 'Jeugd-GGZ', '53': 'Ambulant', '54': 'Jeugd-GGZ', '55': 'Landelijk',
};

/** Categories in which young people wait for a start; transport and crisis care have no waiting list. */
const WAITS = new Set(['40', '41', '43', '44', '45', '50', '51', '52', '54']);
/** Typical weeks (registration→intake, intake→treatment) per category before regional differences. */
const BASE_WEEKS: Record<string, readonly [number, number]> = {
  '40': [1.5, 3.5], '41': [2.5, 7], '43': [3.5, 9], '44': [3, 7], '45': [2, 5.5], '50': [2.5, 6], '51': [2, 4.5], '52': [3, 8], '54': [3, 8],
};

const roundHalf = (weeks: number) => Math.max(0, Math.round(weeks * 2) / 2);

export function generateRegionDataset(code: RegionCode, options: DemoOptions): RegionDataset {
  const rng = new Random(`procurement-${code}`);
  const profile = PROFILES[demoShapeOf(code)];
  const chosen = regionDemoProviders(code, options.scale);

  const lastMonth = monthStart(options.until ?? todayInNetherlands());
  const firstMonth = addMonths(lastMonth, -(MONTHS - 1));
  const contracts: ContractRow[] = [];
  const reports: NewReport[] = [];

  chosen.forEach((provider, index) => {
    const list = provider.productCategories;
    const first = list[0]!;
    // Certified institutions (child protection, youth probation) are subsidised.
    const terms = SAFETY.has(first)
      ? { form: 'SUBSIDY' as const, financingVariant: 'TAAKGERICHT' as const, tenderCeiling: false }
      : profile.contract(first, rng);
    const lots = [...new Set(list.map((c) => LOTS[c] ?? 'Overig'))].sort();
    contracts.push({
      id: `${terms.form === 'TENDER' ? 'T' : terms.form === 'SUBSIDY' ? 'S' : 'O'}-${profile.contractStart.slice(0, 4)}-${String(index + 1).padStart(4, '0')}`,
      providerAgb: provider.agbCode,
      form: terms.form,
      financingVariant: terms.financingVariant,
      lots,
      productCategories: [...list],
      startsOn: profile.contractStart,
      endsOn: terms.form === 'OPEN_HOUSE' ? null : `${Number(lastMonth.slice(0, 4)) + 2}-12-31`,
      budgetCeilingEuros:
        terms.form === 'OPEN_HOUSE' || !terms.tenderCeiling ? null : (rng.int(20, 900) * 10_000).toFixed(2),
    });

    const size = 0.3 + rng.next() * 2;
    for (const category of list) {
      if (!WAITS.has(category)) continue;
      const [intakeBase, treatmentBase] = BASE_WEEKS[category] ?? [3, 8];
      // Each provider has its own typical wait; months wander around it and drift back.
      const intakeTypical = intakeBase * (0.4 + rng.next() * 1.2);
      const treatmentTypical = treatmentBase * (0.4 + rng.next() * 1.2);
      let intake = intakeTypical;
      let treatment = treatmentTypical;
      for (let m = 0; m < MONTHS; m++) {
        const month = addMonths(firstMonth, m);
        const growth = 1 + (profile.trend * m) / 12;
        intake = Math.max(0, intake + 0.3 * (intakeTypical - intake) + rng.normal() * 0.3);
        treatment = Math.max(0, treatment + 0.3 * (treatmentTypical - treatment) + rng.normal() * 0.8);
        const total = (intake + treatment) * growth;
        reports.push({
          providerAgb: provider.agbCode,
          productCategory: category,
          reportedOn: month,
          registrationToIntakeWeeks: roundHalf(intake * growth),
          intakeToTreatmentWeeks: roundHalf(treatment * growth),
          waitingCount: Math.max(0, Math.round(size * total * (0.6 + rng.next() * 0.8))),
          bridgingCareOffered: total > 14 ? rng.chance(0.45) : null,
          source: 'DEMO',
        });
      }
    }
  });

  const norms: NormRow[] = [
    { productCategory: null, registrationToIntakeWeeks: 4, intakeToTreatmentWeeks: 10, validFrom: '2019-01-01' },
    ...profile.norms.map((n) => ({ ...n, validFrom: '2021-01-01' })),
  ];
  return { providers: chosen.map((p) => ({ agbCode: p.agbCode, name: p.name, demoData: true })), contracts, norms, reports };
}

/** Fills every served region that has no data yet; a region already holding data is left alone. */
export async function seedDemoData(sources: RegionSources<ProcurementTables>, options: DemoOptions, log: Log): Promise<void> {
  await Promise.all(
    sources.regions.filter(hasDemoData).map(async (code) => {
      const src = sources.prepared(code);
      if (!src || (await hasProviders(src))) return;
      const started = Date.now();
      const data = generateRegionDataset(code, options);
      await insertDataset(src, data);
      await dataVersions().bump('procurement', [code]);
      await refreshStatistics(src.db, Object.values(src.tables));
      log(`procurement demo data for ${code}`, {
        providers: data.providers.length,
        contracts: data.contracts.length,
        waitingTimeReports: data.reports.length,
        ms: Date.now() - started,
      });
    }),
  );
}
