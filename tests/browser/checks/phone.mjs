// Long guidelines on a phone (issue 12, point 3): a compact header (search
// one tap away, the notice on one line), the guideline's details in one
// line that opens, and a bar that keeps the guideline's title and status at
// the top of the window, with Contents and Top, also for a reader who lands
// on a heading from a link.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SCREENSHOTS, axe, formatViolations, open, site } from '../helper.mjs';

const COPD = '/guidelines/copd/';

describe('a long guideline on a phone (390 × 844)', () => {
  let context;
  let page;
  before(async () => {
    const s = await site();
    context = await s.newContext({ viewport: { width: 390, height: 844 } });
    page = await context.newPage();
  });
  after(async () => { if (context) await context.close(); });

  test('the header and notice take under a third of the screen; search is one tap away', async () => {
    await open(COPD, { page });
    await page.screenshot({ path: join(SCREENSHOTS, 'guideline-first-screen-390.png') });
    const notice = await page.locator('.site-notice').boundingBox();
    const bottom = notice.y + notice.height;
    assert.ok(bottom < 844 / 3, `header and notice end at ${bottom} px of 844`);
    assert.equal(await page.locator('.site-search').isVisible(), false, 'the header form gives way');
    const search = page.locator('.search-link');
    assert.equal(await search.isVisible(), true);
    assert.equal(new URL(await search.evaluate((a) => a.href)).pathname, '/search/');
  });

  test('the notice is one line, and opens to show all of it', async () => {
    const summary = page.locator('.site-notice summary');
    const closed = (await summary.boundingBox()).height;
    assert.ok(closed < 40, `closed, the notice is ${closed} px high`);
    await summary.click();
    const opened = (await summary.boundingBox()).height;
    assert.ok(opened > closed + 10, `opened, it is ${opened} px high`);
    assert.match(await summary.innerText(), /not clinical advice/);
    await summary.click();
  });

  test('the details are one line that opens: status, version and review date, then authors', async () => {
    const details = page.locator('details.meta-block');
    const summary = details.locator('summary');
    const visible = await summary.evaluate((el) => [...el.childNodes].filter((n) => !n.classList?.contains('visually-hidden')).map((n) => n.textContent).join('').trim());
    assert.match(visible, /^Approved · version \d+(\.\d+)* · review due \d{1,2} \w+ \d{4}$/);
    assert.match(await summary.textContent(), /^Guideline details: /, 'a screen reader hears what it is');
    assert.ok((await summary.boundingBox()).height < 80);
    assert.equal(await details.locator('dt', { hasText: 'Author' }).first().isVisible(), false);
    await summary.click();
    assert.equal(await details.locator('dt', { hasText: 'Author' }).first().isVisible(), true);
    await summary.click();
  });

  test('a reader who lands on a heading sees which guideline and status, above the heading', async () => {
    const s = await site();
    await page.goto(s.url(`${COPD}#inhaled-therapy`));
    const bar = page.locator('.guideline-bar');
    const box = await bar.boundingBox();
    assert.ok(Math.abs(box.y) < 2, `the bar is at y=${box.y}`);
    assert.match(await bar.innerText(), /Approved/);
    assert.match(await bar.locator('.guideline-bar-title').innerText(), /^COPD/);
    const heading = await page.locator('#inhaled-therapy').boundingBox();
    assert.ok(heading.y >= box.y + box.height - 1, `the heading (y=${heading.y}) is not under the bar (bottom ${box.y + box.height})`);
    // Contents and Top are at hand.
    await bar.getByRole('link', { name: 'Contents' }).click();
    assert.equal(new URL(page.url()).hash, '#contents');
    const contents = await page.locator('#contents').boundingBox();
    assert.ok(contents.y >= 0 && contents.y < 844, 'the contents are in view');
    await bar.getByRole('link', { name: 'Top' }).click();
    await page.waitForFunction(() => Math.abs(document.getElementById('main').getBoundingClientRect().top) < 2);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main', 'and the keyboard starts there');
  });

  test('axe clean and no sideways scroll, at 390 px, with the details open', async () => {
    await open(COPD, { page });
    await page.locator('details.meta-block summary').click();
    const violations = await axe(page);
    assert.equal(violations.length, 0, formatViolations(`${COPD} at 390 px`, violations));
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(wide, false);
  });
});

describe('a long guideline on a wide screen (1280 px)', () => {
  test('the contents stay at hand in the column beside the text as the reader scrolls', async () => {
    const s = await site();
    const context = await s.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await open(COPD, { page });
      const prose = await page.locator('.prose').boundingBox();
      await page.evaluate(() => window.scrollTo(0, 3000));
      const toc = await page.locator('#contents').boundingBox();
      assert.ok(toc.x >= prose.x + prose.width, `the contents (x=${toc.x}) sit beside the text (right edge ${prose.x + prose.width})`);
      assert.ok(toc.y >= 0 && toc.y < 900, `scrolled 3000 px, the contents are in view (y=${toc.y})`);
      const bar = await page.locator('.guideline-bar').boundingBox();
      assert.ok(Math.abs(bar.y) < 2, 'and the bar is at the top');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(wide, false);
    } finally {
      await context.close();
    }
  });
});
