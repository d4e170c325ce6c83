import { Random } from '../random.js';
import { demoShapeOf, type DemoRegionCode, type RegionCode } from '../regions/registry.js';

/**
 * The demo providers every subgraph's demo data agrees on: a national pool of synthetic
 * providers (names and AGB codes invented) and, per region, the providers it contracts with the
 * product categories they deliver. Procurement turns these into contracts, access into
 * referrals, monitoring into outcome reports, so the three never contradict one another.
 */
export interface DemoProvider {
  readonly agbCode: string;
  readonly name: string;
  /** A certified institution (GI): child protection and youth probation. */
  readonly certifiedInstitution: boolean;
  /** JZ020 codes the provider delivers in the region, sorted. */
  readonly productCategories: readonly string[];
}

/** Inhabitants, to scale each region's provider count from West-Brabant Oost's ~250. */
const INHABITANTS: Record<DemoRegionCode, number> = { JZ35: 480_000, JZ33: 660_000, JZ21: 345_000, JZ43: 104_000, JZ34: 350_000 };
const WBO_PROVIDERS = 248;
const POOL_SIZE = 1_000;

/** How often providers in each region deliver each product category (weights). */
const COMMON_MIX: readonly (readonly [string, number])[] = [
  ['45', 40], ['54', 14], ['52', 8], ['41', 7], ['43', 6], ['44', 5], ['40', 6], ['51', 5], ['50', 4], ['46', 2], ['42', 3],
];
// FoodValley: residential care is 4-5% of clients but a third of the budget; more providers offer it.
const MIX: Record<DemoRegionCode, readonly (readonly [string, number])[]> = {
  JZ35: COMMON_MIX,
  JZ33: COMMON_MIX,
  JZ21: [...COMMON_MIX, ['43', 6]],
  JZ43: COMMON_MIX,
  JZ34: COMMON_MIX,
};

const NAME_FIRST = ['De Kompas', 'Horizon', 'De Vlinder', 'De Linde', 'De Eik', 'De Brug', 'Haven', 'Kansrijk', 'Stapsteen', 'Sterrenwacht',
  'De Bron', 'De Wilg', 'Zonnehoek', 'Lichtpunt', 'Koers', 'Baken', 'Het Anker', 'Groeikracht', 'Samenspel', 'De Boog'];
const NAME_KIND = ['Jeugdhulp', 'Jeugdzorg', 'Gezinsbegeleiding', 'Kindpraktijk', 'Jeugd-GGZ', 'Zorgboerderij', 'Gezinshuis',
  'Orthopedagogisch Centrum', 'Opvoedondersteuning', 'Kinder- en Jeugdpsychologie'];
const NAME_TOWN = ['Brabant', 'Zuid', 'Midden', 'West', 'Oost', 'Noord', 'Kempen', 'Langstraat', 'Vallei', 'Maasland', 'Peel', 'Baronie'];

/** The national pool; AGB codes are 8 digits starting 99 and belong to no real provider. */
export function demoProviderPool(size: number): { agbCode: string; name: string }[] {
  const rng = new Random('provider-pool');
  const seen = new Set<string>();
  const pool: { agbCode: string; name: string }[] = [];
  for (let i = 0; i < size; i++) {
    let name = `${rng.pick(NAME_FIRST)} ${rng.pick(NAME_KIND)} ${rng.pick(NAME_TOWN)}`;
    if (seen.has(name)) name = `${name} ${i}`;
    seen.add(name);
    pool.push({ agbCode: `99${String(100_000 + i * 37).padStart(6, '0')}`, name });
  }
  return pool;
}

export function weighted(rng: Random, items: readonly (readonly [string, number])[]): string {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let at = rng.next() * total;
  for (const [item, weight] of items) {
    at -= weight;
    if (at <= 0) return item;
  }
  return items[items.length - 1]![0];
}

export function providerCount(code: RegionCode, scale: number): number {
  return Math.max(3, Math.round(((WBO_PROVIDERS * INHABITANTS[demoShapeOf(code)]) / INHABITANTS.JZ34) * scale));
}

/** The providers a region contracts at this scale, sorted by AGB code. */
export function regionDemoProviders(code: RegionCode, scale: number): DemoProvider[] {
  const rng = new Random(`providers-${code}`);
  const pool = demoProviderPool(Math.ceil(POOL_SIZE * Math.max(scale, 0.05)));
  const count = Math.min(providerCount(code, scale), pool.length);
  // Providers early in the pool are the large ones that work in many regions.
  const chosen = pool
    .map((p, i) => ({ p, score: rng.next() * (1 + (3 * i) / pool.length) }))
    .sort((a, b) => a.score - b.score)
    .slice(0, count)
    .map((x) => x.p);
  // About one in sixty contracted providers is a certified institution.
  const institutions = new Set(chosen.slice(0, Math.max(1, Math.round(count / 60))).map((p) => p.agbCode));
  return chosen
    .sort((a, b) => a.agbCode.localeCompare(b.agbCode))
    .map((p) => {
      const certifiedInstitution = institutions.has(p.agbCode);
      const categories = new Set<string>();
      if (certifiedInstitution) categories.add('47').add('48');
      else {
        const wanted = rng.int(1, 3);
        while (categories.size < wanted) categories.add(weighted(rng, MIX[demoShapeOf(code)]));
      }
      return { ...p, certifiedInstitution, productCategories: [...categories].sort() };
    });
}
