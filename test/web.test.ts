import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleViewers } from '../gateway/src/auth/mint.js';
import type { Viewer } from '@youth-care/lib/auth/viewer';
import { guardedContext, launchChromium, screenshot, seriousAccessibilityViolations } from './support/browser.js';
import { startFederation, type Federation } from './support/federation.js';

/*
 * The web app in a real browser (Debian's Chromium) over the demo data: every figure on the page
 * is the API's, with the same token; suppressed figures are marked; the report form shows its
 * errors; a CSV holds the figures shown; axe-core finds nothing serious; and the page asks
 * nothing of any other origin.
 */
const SCALE = 0.02;
const viewers = exampleViewers(SCALE);
const viewer = (role: Viewer['role']) => viewers.find((v) => v.role === role)!;
const YEAR = new Date().getFullYear();

let federation: Federation;
let browser: Browser;
let context: BrowserContext;
let outside: string[];
let base: string;

const nl = (value: number, digits: number) => new Intl.NumberFormat('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);

async function tableOf(page: Page, figure: string): Promise<string[][]> {
  return page.$$eval(`#${figure} table tbody tr`, (rows) =>
    rows.map((row) => Array.from((row as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells, (cell) => cell.textContent ?? '')),
  );
}

async function openAs(role: Viewer['role'], hash = ''): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector('#role-select');
  await page.selectOption('#role-select', role);
  await page.waitForSelector(`main[data-role="${role}"][data-loaded="true"]`);
  return page;
}

beforeAll(async () => {
  federation = await startFederation({ label: 'web', scale: SCALE });
  base = federation.gatewayUrl.replace(/\/graphql$/, '');
  browser = await launchChromium();
  ({ context, outside } = await guardedContext(browser, [base]));
});

afterAll(async () => {
  await browser?.close();
  await federation?.stop();
});

describe('pages', () => {
  it('serve HTML that names no outside URL, and send a browser asking /graphql to the IDE', async () => {
    for (const path of ['/', '/graphiql']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    }
    const redirect = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/graphiql');
  });
});

describe('regional dashboard', () => {
  it('shows the API’s waiting times, referrals, spending and indicators for the analyst’s region, within a second', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.selectOption('#role-select', 'region-analyst');
    await page.waitForSelector('main[data-role="region-analyst"][data-loaded="true"]');
    // Measured again on a fresh page with the token in place, as a returning analyst opens it.
    const again = await context.newPage();
    await again.goto(`${base}/#/dashboard`);
    await again.waitForSelector('main[data-loaded="true"]');
    const timeToData = Number(await again.locator('html').getAttribute('data-time-to-data'));
    console.log(`time to data (dashboard, JZ34, demo scale ${SCALE}): ${timeToData} ms`);
    expect(timeToData).toBeGreaterThan(0);
    await again.close();

    const analyst = viewer('region-analyst');
    const { data } = await federation.query(
      `{ region(code: "JZ34") { waitingTimeSummary { byProductCategory { productCategory { code } medianTotalWeeks norm { totalWeeks } worstProvider { name }
        providersReporting { value suppressed } providersOverNorm { value suppressed } } } } }`,
      undefined,
      analyst,
    );
    type Count = { value: number | null; suppressed: boolean };
    const categories = data.region.waitingTimeSummary.byProductCategory as {
      productCategory: { code: string };
      medianTotalWeeks: number;
      norm: { totalWeeks: number };
      worstProvider: { name: string };
      providersReporting: Count;
      providersOverNorm: Count;
    }[];
    // A suppressed count reads as suppressed, never as 0.
    const count = (c: Count) => (c.suppressed ? 'onderdrukt' : nl(c.value!, 0));
    const waiting = await tableOf(page, 'waiting-times');
    expect(waiting.length).toBe(categories.length);
    expect(waiting.length).toBeGreaterThan(0);
    categories.forEach((c, i) => {
      expect(waiting[i]![0]!.startsWith(c.productCategory.code)).toBe(true);
      expect(waiting[i]![1]).toBe(nl(c.medianTotalWeeks, 1));
      expect(waiting[i]![2]).toBe(nl(c.norm.totalWeeks, 1));
      expect(waiting[i]![4]).toBe(c.worstProvider.name);
      expect(waiting[i]![5]).toBe(count(c.providersReporting));
      expect(waiting[i]![6]).toBe(count(c.providersOverNorm));
    });
    expect(categories.some((c) => (c.providersReporting.value ?? 0) > 0)).toBe(true);

    const from = new Date(Date.UTC(YEAR - 2, new Date().getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
    const referrals = await federation.query(
      `query($from: Date!, $to: Date!) { region(code: "JZ34") { accessStatistics(from: $from, to: $to) { referralCounts { month referrals } } } }`,
      { from, to: new Date().toISOString().slice(0, 10) },
      analyst,
    );
    const apiReferrals = (referrals.data.region.accessStatistics.referralCounts as { referrals: number }[]).reduce((s, c) => s + c.referrals, 0);
    const shownReferrals = (await tableOf(page, 'referral-mix')).reduce((s, row) => s + Number(row[2]!.replace(/\./g, '')), 0);
    expect(apiReferrals).toBeGreaterThan(0);
    expect(shownReferrals).toBe(apiReferrals);

    const spending = await federation.query(
      `{ region(code: "JZ34") { spending(year: ${YEAR}) { byProductCategory { months { month euros } } } spendingVsBudget(year: ${YEAR}) { budgetEuros } } }`,
      undefined,
      analyst,
    );
    const perMonth = new Map<string, number>();
    for (const c of spending.data.region.spending.byProductCategory) for (const m of c.months) perMonth.set(m.month.slice(0, 7), (perMonth.get(m.month.slice(0, 7)) ?? 0) + m.euros);
    // The budget line: the region's budget for the year (the demo imports one), spread evenly over its months.
    const yearBudget = spending.data.region.spendingVsBudget.budgetEuros as number;
    expect(yearBudget).toBeGreaterThan(0);
    const shownSpending = await tableOf(page, 'spending');
    expect(shownSpending.map((r) => r[0])).toEqual([...perMonth.keys()].sort());
    for (const row of shownSpending) {
      expect(row[1]).toBe(nl(Math.round(perMonth.get(row[0]!)!), 0));
      expect(row[2]).toBe(nl(Math.round(yearBudget / 12), 0));
    }
    expect(shownSpending.some((row) => row[2] !== '0')).toBe(true);

    const worstListed = await page.locator('#waiting-times .worst-providers li').allTextContents();
    expect(worstListed.length).toBe(categories.length);
    categories.forEach((c, i) => expect(worstListed[i]).toContain(c.worstProvider.name));

    const indicators = await tableOf(page, 'indicators');
    expect(indicators.length).toBeGreaterThan(0);
    expect(indicators.some((row) => row[1] === 'Nederland')).toBe(true);

    await screenshot(page, 'dashboard');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('has a full year of spending last year in the demo data', async () => {
    const { data } = await federation.query(`{ region(code: "JZ34") { spending(year: ${YEAR - 1}) { byProductCategory { months { month } } } } }`, undefined, viewer('region-analyst'));
    const months = new Set<string>();
    for (const c of data.region.spending.byProductCategory) for (const m of c.months) months.add(m.month.slice(0, 7));
    expect(months.size).toBe(12);
  });

  it('puts each chart’s table one click away and downloads exactly its figures as CSV; English is one switch away', async () => {
    const page = await openAs('region-analyst', '#/dashboard');
    const figure = page.locator('#waiting-times');
    await expect.poll(() => figure.locator('.chart svg').count()).toBeGreaterThan(0);
    expect(await figure.locator('.table').isVisible()).toBe(false);
    await figure.getByRole('button', { name: 'Toon tabel' }).click();
    expect(await figure.locator('.table').isVisible()).toBe(true);
    expect(await figure.locator('.chart').isVisible()).toBe(false);

    const [download] = await Promise.all([page.waitForEvent('download'), figure.getByText('Download CSV').click()]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n').map((line) => line.split(';'));
    const shown = await tableOf(page, 'waiting-times');
    expect(lines.length).toBe(shown.length + 1);
    shown.forEach((row, i) => {
      const csvRow = lines[i + 1]!;
      row.forEach((cell, j) => expect(csvRow[j]!.replace(/^"|"$/g, '')).toBe(/^[\d.,-]+$/.test(cell) ? cell.replace(/\./g, '') : cell));
    });

    await page.click('#language-switch');
    await page.waitForSelector('main[data-loaded="true"]');
    expect(await page.locator('#waiting-times h2').textContent()).toBe('Waiting times against the norm per product category');
    await page.click('#language-switch');
    await page.close();
  });
});

describe('provider portal', () => {
  it('shows the provider’s own waiting times and contracts as the API has them', async () => {
    const provider = viewer('provider');
    const page = await openAs('provider');
    const { data } = await federation.query(
      `query($agb: ID!) { provider(agbCode: $agb) { waitingTimes { region { code } productCategory { code } totalWeeks } contracts { id } } }`,
      { agb: provider.agbCode },
      provider,
    );
    const shown = await tableOf(page, 'own-waiting-times');
    expect(shown.length).toBe(data.provider.waitingTimes.length);
    const apiWeeks = (data.provider.waitingTimes as { totalWeeks: number }[]).map((w) => nl(w.totalWeeks, 1)).sort();
    expect(shown.map((r) => r[3]).sort()).toEqual(apiWeeks);
    expect((await tableOf(page, 'contracts')).length).toBe(data.provider.contracts.length);
    await screenshot(page, 'provider-portal');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows the report form’s errors at their fields, and reports a waiting time', async () => {
    const page = await openAs('provider');
    await page.click('#report button[type="submit"]');
    for (const field of ['registrationToIntakeWeeks', 'intakeToTreatmentWeeks', 'waitingCount']) {
      expect(await page.locator(`#report-${field}-error`).textContent()).toBe('Vul dit veld in.');
      expect(await page.locator(`#report-${field}`).getAttribute('aria-invalid')).toBe('true');
    }
    await page.fill('#report-registrationToIntakeWeeks', '300');
    await page.fill('#report-intakeToTreatmentWeeks', '6');
    await page.fill('#report-waitingCount', '12');
    await page.click('#report button[type="submit"]');
    await page.waitForSelector('#report-registrationToIntakeWeeks-error:not([hidden])');
    expect(await page.locator('#report-registrationToIntakeWeeks-error').textContent()).toMatch(/between 0 and 104/);
    expect(await page.locator('#report-intakeToTreatmentWeeks-error').isHidden()).toBe(true);
    await screenshot(page, 'provider-report-errors');

    await page.fill('#report-registrationToIntakeWeeks', '3');
    await page.click('#report button[type="submit"]');
    await expect.poll(() => page.locator('#report .form-status').textContent()).toMatch(/Gemeld: totaal 9,0 weken/);
    await page.close();
  });
});

describe('learning circle', () => {
  it('puts the member regions side by side, suppressed figures marked and never drawn', async () => {
    const circle = viewer('learning-circle');
    const page = await openAs('learning-circle');
    const year = YEAR - 1;
    const { data, errors } = await federation.query(
      `query($codes: [ID!], $years: [Int!]!) { regions(codes: $codes) { code
        accessComparison(years: $years) { referralsPer1000 { value suppressed } dropoutShare { value suppressed } medianDaysRequestToStart { value suppressed } }
        waitingTimeComparison(years: $years) { shareOverNorm { value suppressed } medianTotalWeeks { value suppressed } waitingPer1000 { value suppressed } } } }`,
      { codes: circle.regions, years: [year] },
      circle,
    );
    expect(errors).toBeUndefined();
    type P = { value: number | null; suppressed: boolean };
    const expected = (data.regions as Record<string, any>[]).map((r) => {
      const a = r.accessComparison[0] as Record<string, P>;
      const w = r.waitingTimeComparison[0] as Record<string, P>;
      const digits = [1, 3, 1, 3, 1, 1];
      return [a.referralsPer1000!, a.dropoutShare!, a.medianDaysRequestToStart!, w.shareOverNorm!, w.medianTotalWeeks!, w.waitingPer1000!].map((p, i) =>
        p.suppressed ? 'onderdrukt' : p.value === null ? '' : nl(p.value, digits[i]!),
      );
    });
    const shown = await tableOf(page, 'comparison');
    expect(shown.map((row) => row.slice(1))).toEqual(expected);
    const suppressed = expected.flat().filter((cell) => cell === 'onderdrukt').length;
    expect(suppressed).toBeGreaterThan(0);
    expect(await page.locator('#comparison td.suppressed').count()).toBe(suppressed);
    // In the small multiples a suppressed figure is a labelled gap, not a bar.
    await expect.poll(() => page.locator('#comparison .small-multiples text', { hasText: 'onderdrukt' }).count()).toBe(suppressed);
    await screenshot(page, 'learning-circle');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('GraphQL IDE', () => {
  it('runs from the gateway’s own bundle', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/graphiql`);
    await page.waitForSelector('.graphiql-container');
    await screenshot(page, 'graphiql');
    await page.close();
  });

  it('left every request on the gateway: nothing was asked of another origin', () => {
    expect(outside).toEqual([]);
  });
});
