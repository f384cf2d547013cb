// The phone details of issue 21, point 4: the header's Search button lands
// in the search field; on a 390 × 844 screen the first three results' titles
// show without scrolling; a guideline with a pathway names it in Contents
// and links to it from the top. At 390 and 1280 px, axe clean.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, formatViolations, open, screenshotPath, site } from '../helper.mjs';

const BREATHLESSNESS = '/guidelines/breathlessness/';

for (const width of [390, 1280]) {
  describe(`phone details at ${width} px`, () => {
    let context;
    let page;
    const height = width === 390 ? 844 : 900;
    before(async () => {
      const s = await site();
      context = await s.newContext({ viewport: { width, height } });
      page = await context.newPage();
    });
    after(async () => { if (context) await context.close(); });

    test('the header\'s Search button focuses the search field; other ways in do not', async () => {
      await open('/guidelines/copd/', { page });
      const link = page.locator('.search-link');
      if (await link.isVisible()) {
        await link.click();
      } else {
        // Wide screens show the header form instead; the link is the same.
        await page.goto(await link.evaluate((a) => a.href));
      }
      await page.waitForURL(/\/search\/#search-q$/);
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'search-q');
      await page.keyboard.type('inhaler');
      await page.waitForFunction(() => /result/.test(document.getElementById('search-status').textContent));
      const s = await site();
      await page.goto(s.url('/search/'));
      await page.waitForLoadState('load');
      await page.waitForTimeout(300);
      assert.notEqual(await page.evaluate(() => document.activeElement && document.activeElement.id), 'search-q', 'no focus without the button');
    });

    test('a guideline with a pathway names it in Contents and links to it near the top', async () => {
      await open(BREATHLESSNESS, { page });
      const entry = page.locator('#contents a[href="#pathway"]');
      assert.equal(await entry.count(), 1, 'Contents lists the pathway');
      assert.match(await entry.textContent(), /pathway/i);
      const figure = page.locator('figure.pathway#pathway');
      assert.equal(await figure.count(), 1);
      const bar = page.locator('.guideline-bar a[href="#pathway"]');
      assert.equal(await bar.textContent(), 'Pathway');
      // Right after the summary, in the bar that stays at the top of the
      // window while the reader scrolls: one tap away from anywhere above
      // the pathway (the bar is sticky).
      const barTop = (await bar.boundingBox()).y;
      assert.ok(barTop < height * 1.1, `the Pathway link follows the summary (at ${barTop} px)`);
      await page.evaluate(() => window.scrollTo(0, 2000));
      const pinned = await bar.evaluate((a) => a.getBoundingClientRect().top);
      assert.ok(pinned >= 0 && pinned < 60, `scrolled, the Pathway link stays at the top (${pinned} px)`);
      await bar.click();
      await page.waitForFunction(() => location.hash === '#pathway');
      const top = await figure.evaluate((f) => f.getBoundingClientRect().top);
      assert.ok(top >= 0 && top < height / 2, `the pathway is at the top of the window (${top} px)`);
      const violations = await axe(page);
      assert.equal(violations.length, 0, formatViolations(`${BREATHLESSNESS} at ${width} px`, violations));
    });

    test('a guideline without a pathway has no Pathway link', async () => {
      await open('/guidelines/inhalers/', { page });
      assert.equal(await page.locator('.guideline-bar a[href^="#pathway"]').count(), 0);
    });

    if (width === 390) {
      for (const q of ['inhaler', 'debt', 'copd', 'cold home weymouth', 'short of breath', 'damp mould']) {
        test(`after a query ("${q}") the first three results' titles are on the first screen`, async () => {
          await open(`/search/?q=${encodeURIComponent(q)}`, { page });
          await page.waitForFunction(() => document.querySelectorAll('#search-results > li.search-result').length >= 3);
          await page.evaluate(() => window.scrollTo(0, 0));
          if (q === 'inhaler' || q === 'debt') await page.screenshot({ path: screenshotPath(`search-results-390-${q}.png`) });
          const bottoms = await page.$$eval('#search-results > li.search-result .result-title', (hs) => hs.slice(0, 3).map((h) => h.getBoundingClientRect().bottom));
          assert.equal(bottoms.length, 3);
          assert.ok(bottoms.every((b) => b <= 844), `titles end at ${bottoms.map(Math.round).join(', ')} px of 844`);
          if (q === 'inhaler') {
            const violations = await axe(page);
            assert.equal(violations.length, 0, formatViolations(`/search/ at 390 px`, violations));
          }
        });
      }

      test('the filters are one tap away and still work on a phone', async () => {
        await open('/search/?q=inhaler', { page });
        await page.waitForFunction(() => /result/.test(document.getElementById('search-status').textContent));
        await page.click('.search-filters-open');
        await page.waitForSelector('#search-filter-type');
        assert.equal(await page.locator('#search-filter-type').isVisible(), true);
        const violations = await axe(page);
        assert.equal(violations.length, 0, formatViolations(`/search/ filters at 390 px`, violations));
      });
    }
  });
}
