import * as Plot from '@observablehq/plot';
import { graphql, type Protected } from '../api.js';
import type { Viewer } from '../auth.js';
import { figure, notice } from '../figure.js';
import { t, type TextKey } from '../i18n.js';
import { loadSections } from '../sections.js';

const COMPARISON = `query Circle($codes: [ID!], $years: [Int!]!) { regions(codes: $codes) { code name
  accessComparison(years: $years) { year referralsPer1000 { value suppressed } dropoutShare { value suppressed } medianDaysRequestToStart { value suppressed } }
  waitingTimeComparison(years: $years) { year shareOverNorm { value suppressed } medianTotalWeeks { value suppressed } waitingPer1000 { value suppressed } } } }`;

type Figures = Record<string, Protected | number>;
interface RegionRow {
  code: string;
  name: string;
  accessComparison: Figures[] | null;
  waitingTimeComparison: Figures[] | null;
}

const METRICS: readonly { key: string; from: 'accessComparison' | 'waitingTimeComparison'; label: TextKey; digits: number }[] = [
  { key: 'referralsPer1000', from: 'accessComparison', label: 'referralsPer1000', digits: 1 },
  { key: 'dropoutShare', from: 'accessComparison', label: 'dropoutShare', digits: 3 },
  { key: 'medianDaysRequestToStart', from: 'accessComparison', label: 'medianDaysRequestToStart', digits: 1 },
  { key: 'shareOverNorm', from: 'waitingTimeComparison', label: 'shareOverNorm', digits: 3 },
  { key: 'medianTotalWeeks', from: 'waitingTimeComparison', label: 'medianTotalWeeks', digits: 1 },
  { key: 'waitingPer1000', from: 'waitingTimeComparison', label: 'waitingPer1000', digits: 1 },
];

const NONE: Protected = { value: null, suppressed: false };

/** One small chart per figure, a bar per region; a suppressed region gets a marked gap, never a bar of 0. */
function smallMultiples(regions: readonly RegionRow[], year: number, width: number): Element {
  const grid = document.createElement('div');
  grid.className = 'small-multiples';
  const each = Math.max(280, Math.floor(width / 3) - 16);
  for (const metric of METRICS) {
    const points = regions.map((r) => {
      const figure = (r[metric.from]?.find((f) => f.year === year)?.[metric.key] as Protected | undefined) ?? NONE;
      return { region: r.name, value: figure.value, suppressed: figure.suppressed };
    });
    grid.append(
      Plot.plot({
        width: each,
        height: 40 + 28 * regions.length,
        marginLeft: 150,
        ariaLabel: t(metric.label),
        title: t(metric.label),
        x: { label: null, grid: true },
        y: { label: null, domain: regions.map((r) => r.name) },
        marks: [
          Plot.barX(points.filter((p) => p.value !== null), { x: 'value', y: 'region', fill: '#2b6cb0' }),
          Plot.text(points.filter((p) => p.suppressed), { x: 0, y: 'region', text: () => `▨ ${t('suppressed')}`, textAnchor: 'start', dx: 4, fill: '#9c4221', fontWeight: 'bold' }),
          Plot.ruleX([0]),
        ],
      }),
    );
  }
  return grid;
}

export async function learningCircle(container: HTMLElement, viewer: Viewer): Promise<void> {
  const h1 = document.createElement('h1');
  h1.textContent = t('learningCircle');
  container.append(h1);
  if (!['learning-circle', 'region-analyst', 'admin'].includes(viewer.role)) {
    container.append(notice('circle-only', t('learningCircle'), t('circleOnly')));
    return;
  }
  const year = new Date().getFullYear() - 1;
  await loadSections(container, [
    {
      id: 'comparison',
      title: t('circleTitle'),
      load: async () => {
        const { regions } = await graphql<{ regions: RegionRow[] }>(COMPARISON, { codes: viewer.regions ?? null, years: [year] });
        const figureOf = (r: RegionRow, m: (typeof METRICS)[number]) => (r[m.from]?.find((f) => f.year === year)?.[m.key] as Protected | undefined) ?? NONE;
        return figure({
          id: 'comparison',
          title: `${t('circleTitle')} ${year}`,
          description: t('circleDesc'),
          columns: [{ label: t('region') }, ...METRICS.map((m) => ({ label: t(m.label), digits: m.digits }))],
          rows: regions.map((r) => [`${r.name} (${r.code})`, ...METRICS.map((m) => figureOf(r, m))]),
          chart: (width) => smallMultiples(regions, year, width),
        });
      },
    },
  ]);
}
