import * as Plot from '@observablehq/plot';
import { graphql, type Protected } from '../api.js';
import type { Viewer } from '../auth.js';
import { figure, formatNumber } from '../figure.js';
import { nameOf, t } from '../i18n.js';
import { loadSections } from '../sections.js';

interface Category {
  code: string;
  name: string;
  nameNl: string;
}

const WAITING = `query Waiting($code: ID!) { region(code: $code) { waitingTimeSummary { byProductCategory {
  productCategory { code name nameNl } norm { totalWeeks } medianTotalWeeks worstTotalWeeks worstProvider { name }
  providersReporting { value suppressed } providersOverNorm { value suppressed } } } } }`;

async function waitingTimes(code: string): Promise<HTMLElement> {
  type Row = { productCategory: Category; norm: { totalWeeks: number }; medianTotalWeeks: number; worstTotalWeeks: number; worstProvider: { name: string }; providersReporting: Protected; providersOverNorm: Protected };
  const data = await graphql<{ region: { waitingTimeSummary: { byProductCategory: Row[] } | null } }>(WAITING, { code });
  const rows = data.region.waitingTimeSummary?.byProductCategory ?? [];
  const points = rows.map((r) => ({ category: `${r.productCategory.code} ${nameOf(r.productCategory)}`, median: r.medianTotalWeeks, norm: r.norm.totalWeeks, over: r.medianTotalWeeks > r.norm.totalWeeks }));
  const worst = document.createElement('div');
  worst.className = 'worst-providers';
  const worstTitle = document.createElement('h3');
  worstTitle.textContent = t('worstProvider');
  const list = document.createElement('ul');
  for (const [i, r] of rows.entries()) {
    const item = document.createElement('li');
    item.textContent = `${points[i]!.category}: ${r.worstProvider.name} (${formatNumber(r.worstTotalWeeks, 1)} ${t('weeks')})`;
    list.append(item);
  }
  worst.append(worstTitle, list);
  return figure({
    id: 'waiting-times',
    beneath: worst,
    title: t('waitingTitle'),
    description: t('waitingDesc'),
    columns: [
      { label: t('productCategory') }, { label: t('medianWeeks'), digits: 1 }, { label: t('normWeeks'), digits: 1 },
      { label: t('worstWeeks'), digits: 1 }, { label: t('worstProvider') }, { label: t('providersReporting'), digits: 0 }, { label: t('providersOverNorm'), digits: 0 },
    ],
    rows: rows.map((r, i) => [points[i]!.category, r.medianTotalWeeks, r.norm.totalWeeks, r.worstTotalWeeks, r.worstProvider.name, r.providersReporting, r.providersOverNorm]),
    chart: (width) =>
      Plot.plot({
        width,
        marginLeft: 230,
        ariaLabel: t('waitingTitle'),
        ariaDescription: t('waitingDesc'),
        x: { label: t('medianWeeks'), grid: true },
        y: { label: null },
        color: { domain: [false, true], range: ['#2b6cb0', '#c05621'] },
        marks: [
          Plot.barX(points, { x: 'median', y: 'category', fill: 'over', title: (d: (typeof points)[number]) => `${d.category}: ${d.median}` }),
          Plot.tickX(points, { x: 'norm', y: 'category', stroke: '#1a202c', strokeWidth: 3 }),
          Plot.ruleX([0]),
        ],
      }),
  });
}

const REFERRALS = `query Referrals($code: ID!, $from: Date!, $to: Date!) { region(code: $code) { accessStatistics(from: $from, to: $to) {
  referralCounts { referrerType { code name nameNl } month referrals } } } }`;

async function referralMix(code: string): Promise<HTMLElement> {
  const today = new Date();
  const from = new Date(Date.UTC(today.getUTCFullYear() - 2, today.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  type Count = { referrerType: { code: string; name: string; nameNl: string | null }; month: string; referrals: number };
  const data = await graphql<{ region: { accessStatistics: { referralCounts: Count[] } | null } }>(REFERRALS, { code, from, to: today.toISOString().slice(0, 10) });
  if (!data.region.accessStatistics) throw new Error(t('noAccess'));
  // Summed over product categories: the mix of who refers, month by month.
  const sums = new Map<string, { month: string; referrer: string; referrals: number }>();
  for (const c of data.region.accessStatistics.referralCounts) {
    const referrer = nameOf(c.referrerType);
    const key = `${c.month}|${referrer}`;
    const entry = sums.get(key) ?? { month: c.month, referrer, referrals: 0 };
    entry.referrals += c.referrals;
    sums.set(key, entry);
  }
  const points = [...sums.values()].sort((a, b) => a.month.localeCompare(b.month) || a.referrer.localeCompare(b.referrer));
  return figure({
    id: 'referral-mix',
    title: t('referralTitle'),
    description: t('referralDesc'),
    columns: [{ label: t('month') }, { label: t('referrer') }, { label: t('referrals'), digits: 0 }],
    rows: points.map((p) => [p.month.slice(0, 7), p.referrer, p.referrals]),
    chart: (width) =>
      Plot.plot({
        width,
        ariaLabel: t('referralTitle'),
        ariaDescription: t('referralDesc'),
        color: { legend: true, scheme: 'tableau10' },
        x: { type: 'utc', label: t('month') },
        y: { label: t('referrals'), grid: true },
        marks: [Plot.areaY(points, { x: (d: (typeof points)[number]) => new Date(d.month), y: 'referrals', fill: 'referrer', order: 'sum' }), Plot.ruleY([0])],
      }),
  });
}

const SPENDING = `query Spending($code: ID!, $year: Int!) { region(code: $code) {
  spending(year: $year) { byProductCategory { months { month euros } } }
  spendingVsBudget(year: $year) { budgetEuros } } }`;

async function spending(code: string, year: number): Promise<HTMLElement> {
  type Data = { region: { spending: { byProductCategory: { months: { month: string; euros: number }[] }[] } | null; spendingVsBudget: { budgetEuros: number | null } | null } };
  const data = await graphql<Data>(SPENDING, { code, year });
  if (!data.region.spending) throw new Error(t('noAccess'));
  const totals = new Map<string, number>();
  for (const category of data.region.spending.byProductCategory) {
    for (const m of category.months) totals.set(m.month, (totals.get(m.month) ?? 0) + m.euros);
  }
  // The region's budget plan for the year, spread evenly over its months as the API's budget to date is;
  // without an imported budget there is no line, never a budget of 0.
  const yearBudget = data.region.spendingVsBudget?.budgetEuros ?? null;
  const budget = yearBudget === null ? null : Math.round(yearBudget / 12);
  const points = [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, euros]) => ({ month: month.slice(0, 7), euros: Math.round(euros), budget }));
  return figure({
    id: 'spending',
    title: `${t('spendingTitle')} ${year}`,
    description: t('spendingDesc'),
    columns: [{ label: t('month') }, { label: t('euros'), digits: 0 }, { label: t('budget'), digits: 0 }],
    rows: points.map((p) => [p.month, p.euros, p.budget]),
    chart: (width) =>
      Plot.plot({
        width,
        marginLeft: 90,
        ariaLabel: `${t('spendingTitle')} ${year}`,
        ariaDescription: t('spendingDesc'),
        x: { label: t('month') },
        y: { label: t('euros'), grid: true },
        marks: [
          Plot.barY(points, { x: 'month', y: 'euros', fill: '#2b6cb0' }),
          Plot.line(points, { x: 'month', y: 'budget', stroke: '#c05621', strokeWidth: 2.5, marker: 'circle' }),
          Plot.ruleY([0]),
        ],
      }),
  });
}

const INDICATORS = `query Indicators($code: ID!, $periods: [String!]!) { region(code: $code) { code name indicators(periods: $periods) {
  period indicator { code name kind unit } value { value suppressed }
  benchmark { national { value suppressed } median { value suppressed } regions { region { code name } value { value suppressed } } } } } }`;

async function indicators(code: string): Promise<HTMLElement> {
  const year = new Date().getFullYear();
  const periods = [1, 2, 3, 4].map((back) => `${year - back}JJ00`);
  type Value = {
    period: string;
    indicator: { code: string; name: string; kind: string; unit: string };
    value: Protected;
    benchmark: { national: Protected; median: Protected; regions: { region: { code: string; name: string }; value: Protected }[] } | null;
  };
  const data = await graphql<{ region: { code: string; name: string; indicators: Value[] | null } }>(INDICATORS, { code, periods });
  const rates = (data.region.indicators ?? []).filter((v) => v.indicator.kind === 'RATE' && v.benchmark);
  // The latest year CBS has figures for.
  const latest = periods.find((p) => rates.some((v) => v.period === p && (v.value.value !== null || v.value.suppressed)));
  const shown = rates.filter((v) => v.period === latest);
  const rows = shown.flatMap((v) => [
    ...v.benchmark!.regions.map((r) => [v.indicator.name, r.region.name, r.value] as const),
    [v.indicator.name, t('national'), v.benchmark!.national] as const,
    [v.indicator.name, t('median'), v.benchmark!.median] as const,
  ]);
  const dots = shown.flatMap((v) =>
    v.benchmark!.regions.filter((r) => r.value.value !== null).map((r) => ({ indicator: v.indicator.name, value: r.value.value!, own: r.region.code === code, region: r.region.name })),
  );
  const national = shown.filter((v) => v.benchmark!.national.value !== null).map((v) => ({ indicator: v.indicator.name, value: v.benchmark!.national.value! }));
  const medians = shown.filter((v) => v.benchmark!.median.value !== null).map((v) => ({ indicator: v.indicator.name, value: v.benchmark!.median.value! }));
  return figure({
    id: 'indicators',
    title: `${t('indicatorTitle')} (${latest?.slice(0, 4) ?? ''})`,
    description: t('indicatorDesc'),
    columns: [{ label: t('indicator') }, { label: t('region') }, { label: t('value'), digits: 1 }],
    rows,
    chart: (width) =>
      Plot.plot({
        width,
        marginLeft: 260,
        ariaLabel: t('indicatorTitle'),
        ariaDescription: t('indicatorDesc'),
        x: { label: t('value'), grid: true },
        y: { label: null },
        marks: [
          Plot.dot(dots, { x: 'value', y: 'indicator', r: (d: (typeof dots)[number]) => (d.own ? 7 : 4), fill: (d: (typeof dots)[number]) => (d.own ? '#c05621' : '#a0aec0'), title: 'region' }),
          Plot.dot(national, { x: 'value', y: 'indicator', symbol: 'diamond', r: 6, stroke: '#1a202c', fill: 'white' }),
          Plot.tickX(medians, { x: 'value', y: 'indicator', stroke: '#2b6cb0', strokeWidth: 2 }),
        ],
      }),
  });
}

const REGIONS = `{ regions { code name } }`;

/** The region's dashboard: an analyst's own region, anyone else chooses. */
export async function dashboard(container: HTMLElement, viewer: Viewer, regionCode: string | undefined, onRegion: (code: string) => void): Promise<void> {
  const { regions } = await graphql<{ regions: { code: string; name: string }[] }>(REGIONS);
  const code = viewer.region ?? regionCode ?? 'JZ34';
  const region = regions.find((r) => r.code === code) ?? regions[0]!;
  const header = document.createElement('div');
  header.className = 'view-header';
  const h1 = document.createElement('h1');
  h1.textContent = `${t('dashboard')}: ${region.name} (${region.code})`;
  header.append(h1);
  if (!viewer.region) {
    const label = document.createElement('label');
    label.textContent = `${t('region')} `;
    const select = document.createElement('select');
    select.id = 'region-select';
    for (const r of regions) select.add(new Option(`${r.name} (${r.code})`, r.code, false, r.code === region.code));
    select.addEventListener('change', () => onRegion(select.value));
    label.append(select);
    header.append(label);
  }
  container.append(header);
  const year = new Date().getFullYear();
  await loadSections(container, [
    { id: 'waiting-times', title: t('waitingTitle'), load: () => waitingTimes(region.code) },
    { id: 'referral-mix', title: t('referralTitle'), load: () => referralMix(region.code) },
    { id: 'spending', title: t('spendingTitle'), load: () => spending(region.code, year) },
    { id: 'indicators', title: t('indicatorTitle'), load: () => indicators(region.code) },
  ]);
}
