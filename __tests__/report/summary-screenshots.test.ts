/**
 * The summary and the PR comment as a person sees them: rendered like GitHub
 * (GFM + github-markdown-css) in headless Chromium at the job summary's width
 * (1012 px) and a PR comment's (780 px). Screenshots go to
 * .tmp/artifacts/screenshots/ for a person to look at; the assertions check
 * what matters at a glance and that hostile instance text stays text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripControlCharacters } from '../../src/core/sanitize.js';
import { buildDeploySummary, buildErrorSummary } from '../../src/report/summary.js';
import { chromiumAvailable, launchChromium, MISSING_CHROMIUM, type Chromium } from '../helpers/chromium.js';
import { githubPage } from '../helpers/render-markdown.js';
import { context, failure, HOSTILE_LOG, HOSTILE_STEP, partial, success } from '../helpers/summary-fixtures.js';

const OUT = resolve('.tmp/artifacts/screenshots');
/** What shows without scrolling on a laptop, below GitHub's own page header. */
const FIRST_SCREENFUL = 600;
const WIDTHS = [
  { surface: 'summary', width: 1012 },
  { surface: 'comment', width: 780 },
] as const;
const PREVIEW = 'http://203.0.113.10:8080/';

const CASES = [
  { name: 'success', markdown: () => buildDeploySummary(success(), context()), preview: true, errors: false },
  { name: 'no-ingress', markdown: () => buildDeploySummary(success(), context({ ingress: [] })), preview: false, errors: false },
  { name: 'partial', markdown: () => buildDeploySummary(partial(), context()), preview: true, errors: true },
  {
    name: 'failure',
    markdown: () => buildDeploySummary(failure(), context({ postStepWillTerminate: true })),
    preview: false,
    errors: true,
  },
  {
    name: 'error',
    markdown: () =>
      buildErrorSummary(
        {
          code: 'SD201',
          message: 'AWS did not accept the credentials',
          hint: 'Check `role-to-assume` and the id-token: write permission.',
        },
        { ...context(), deploymentId: 'hello-web-pr-12', command: 'deploy', postStepWillTerminate: true },
      ),
    preview: false,
    errors: true,
  },
] as const;

interface Layout {
  headline: { text: string; bottom: number } | undefined;
  previewBottom: number | undefined;
  firstErrorBottom: number | undefined;
  tables: Array<{ scrollWidth: number; clientWidth: number; visible: boolean }>;
  bodyScrollWidth: number;
  bodyClientWidth: number;
}

// The page functions below run in Chromium. They reach the page through the element they are
// given (its ownerDocument), since this project's TypeScript has no DOM globals.
async function layoutOf(page: Page, preview: string): Promise<Layout> {
  return page.locator('.markdown-body').evaluate((body, href) => {
    const heading = body.querySelector('h3');
    const link = [...body.querySelectorAll('a')].find((anchor) => anchor.href === href);
    const error = body.querySelector(':scope > ul > li');
    return {
      headline: heading ? { text: heading.textContent ?? '', bottom: heading.getBoundingClientRect().bottom } : undefined,
      previewBottom: link?.getBoundingClientRect().bottom,
      firstErrorBottom: error?.getBoundingClientRect().bottom,
      tables: [...body.querySelectorAll('table')].map((table) => ({
        scrollWidth: table.scrollWidth,
        clientWidth: table.clientWidth,
        visible: table.getClientRects().length > 0,
      })),
      bodyScrollWidth: body.scrollWidth,
      bodyClientWidth: body.clientWidth,
    };
  }, preview);
}

let chromium: Chromium | undefined;

async function open(name: string, markdown: string, width: number): Promise<{ page: Page; dialogs: string[] }> {
  const file = join(OUT, `${name}.html`);
  writeFileSync(file, githubPage(markdown, width, name));
  const page = await chromium!.context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.setViewportSize({ width, height: 900 });
  await page.goto(pathToFileURL(file).href);
  return { page, dialogs };
}

const shoot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });

describe('the summary and the PR comment in headless Chromium', () => {
  if (!chromiumAvailable()) {
    if (process.env.CI === 'true') {
      it('needs Chromium in CI', () => expect.fail(MISSING_CHROMIUM));
    } else {
      console.warn(`skipping the screenshot tests: ${MISSING_CHROMIUM}`);
      it.skip(`screenshots (${MISSING_CHROMIUM})`, () => undefined);
    }
    return;
  }

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    chromium = await launchChromium();
  });
  afterAll(async () => chromium?.close());

  for (const { surface, width } of WIDTHS) {
    for (const sample of CASES) {
      it(`${sample.name} as a ${surface} at ${width} px: outcome${sample.preview ? ' and preview link' : ''} in the first screenful, nothing cut off`, async () => {
        const name = `${sample.name}-${surface}-${width}`;
        const { page, dialogs } = await open(name, sample.markdown(), width);
        const layout = await layoutOf(page, PREVIEW);
        await shoot(page, name);
        await page.close();

        expect(layout.headline?.text).toMatch(/^(✅|⚠️|❌)/u);
        expect(layout.headline!.bottom).toBeLessThanOrEqual(FIRST_SCREENFUL);
        if (sample.preview) expect(layout.previewBottom).toBeLessThanOrEqual(FIRST_SCREENFUL);
        else expect(layout.previewBottom).toBeUndefined();
        if (sample.errors) expect(layout.firstErrorBottom).toBeLessThanOrEqual(FIRST_SCREENFUL);
        // GitHub's tables scroll sideways instead of widening the page: scrolling means cut off.
        for (const table of layout.tables.filter((table) => table.visible))
          expect(table.scrollWidth).toBeLessThanOrEqual(table.clientWidth);
        expect(layout.bodyScrollWidth).toBeLessThanOrEqual(layout.bodyClientWidth);
        expect(dialogs).toEqual([]);
      });
    }
  }

  it('shows hostile instance text (HTML, @mentions, backticks, escapes) as text, with every detail open', async () => {
    const { page, dialogs } = await open(
      'failure-expanded-comment-780',
      buildDeploySummary(failure(), context({ postStepWillTerminate: true })),
      780,
    );
    await page.locator('details').evaluateAll((all) => all.forEach((details) => details.setAttribute('open', '')));
    const seen = await page.locator('.markdown-body').evaluate((body) => {
      const outsideCode: string[] = [];
      const SHOW_TEXT = 4;
      const walker = body.ownerDocument.createTreeWalker(body, SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest('code, pre')) outsideCode.push(node.textContent ?? '');
      }
      return {
        title: body.ownerDocument.title,
        elements: [...body.querySelectorAll('img, script, iframe, [onerror]')].map((element) => element.outerHTML),
        links: [...body.querySelectorAll('a')].map((anchor) => anchor.href),
        codes: [...body.querySelectorAll('code')].map((code) => code.textContent),
        pre: [...body.querySelectorAll('pre')].map((pre) => pre.textContent),
        outsideCode: outsideCode.join(''),
        text: body.textContent ?? '',
        tables: [...body.querySelectorAll('table')].map((table) => table.scrollWidth <= table.clientWidth),
      };
    });
    await shoot(page, 'failure-expanded-comment-780');
    await page.close();

    expect(dialogs).toEqual([]);
    expect(seen.title).toBe('failure-expanded-comment-780');
    expect(seen.elements).toEqual([]);
    expect(seen.links.every((href) => href.startsWith('https://github.com/acme/hello-web/'))).toBe(true);
    // The step and the log arrive whole, as literal text.
    expect(seen.codes).toContain(HOSTILE_STEP);
    expect(seen.pre).toEqual([`${stripControlCharacters(HOSTILE_LOG)}\n`]);
    expect(seen.text).toContain('<img src=x onerror=alert(1)>');
    // GitHub turns @name into a mention (a notification) and #1 into a reference, except in code.
    expect(seen.outsideCode).not.toMatch(/@[\p{L}\p{N}]/u);
    expect(seen.outsideCode).not.toMatch(/#\d/);
    expect(seen.outsideCode).toContain('octocat');
    expect(seen.tables.every(Boolean)).toBe(true);
  });
});
