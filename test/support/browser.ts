import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, which .ci/run installs with apt-get. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('../output/screenshots/', import.meta.url));

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A browser context that lets the page reach only `allowed` origins; every other request is
 * refused and recorded with the page that asked, so a test can show that nothing was asked of
 * anyone else.
 */
export async function guardedContext(browser: Browser, allowed: readonly string[]): Promise<{ context: BrowserContext; outside: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
  const outside: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('blob:') || url.startsWith('data:') || allowed.some((origin) => url.startsWith(origin))) await route.continue();
    else {
      let from = '';
      try {
        from = route.request().frame().url();
      } catch {
        // A request of no frame (a service worker's) has no page to name.
      }
      outside.push(`${url} from ${from}`);
      await route.abort('blockedbyclient');
    }
  });
  return { context, outside };
}

/** axe-core's findings of serious or critical impact on the page as it is now. */
export async function seriousAccessibilityViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  // Evaluated through the debugging protocol: the page's own policy allows no inline script.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] };
    const page = globalThis as unknown as { axe: { run: (context: unknown) => Promise<Result> }; document: unknown };
    const result = await page.axe.run(page.document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
