// Clinical safety (issue 21, point 1): wherever a guideline's status shows,
// its review state shows too. A GP who follows a search result to a section
// of an overdue guideline sees only the sticky bar: it must say "Review
// overdue", never "Approved". Every status × review state of the example
// site, in every place a status appears, at 390 and 1280 px.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SCREENSHOTS, open, pageAtWidth, site } from '../helper.mjs';

// (page, a heading deep in it, the bar's badge class and text, the status in a sentence)
const GUIDELINES = [
  { name: 'guidelineApproved', path: '/guidelines/copd/', anchor: '#inhaled-therapy', tone: 'approved', label: 'Approved', full: 'Approved' },
  { name: 'guidelineOverdue', path: '/guidelines/breathlessness/', anchor: '#interpreting-the-results', tone: 'overdue', label: 'Review overdue', full: 'Approved, review overdue' },
  { name: 'guidelineDueSoon', path: '/guidelines/asthma/adults/', anchor: '', tone: 'due-soon', label: 'Review due soon', full: 'Approved, review due soon' },
  { name: 'guidelineSuperseded', path: '/guidelines/copd-2023/', anchor: '', tone: 'superseded', label: 'Superseded', full: 'Superseded, do not use' },
  { name: 'guidelineDraft', path: '/guidelines/oxygen-draft/', anchor: '', tone: 'draft', label: 'Draft', full: 'Draft, not for clinical use', drafts: true },
];

for (const width of [390, 1280]) {
  describe(`review state wherever status shows, at ${width} px`, () => {
    const held = pageAtWidth(width);
    let page;
    before(() => { page = held.page; });

    for (const g of GUIDELINES) {
      test(`${g.path}${g.anchor}: the sticky bar says "${g.label}", in its style`, async () => {
        const s = await site();
        await page.goto(s.url(g.path + g.anchor, g.drafts), { waitUntil: 'load' });
        if (!g.anchor) await page.evaluate(() => window.scrollTo(0, 2500));
        const bar = page.locator('.guideline-bar');
        const box = await bar.boundingBox();
        assert.ok(box && Math.abs(box.y) < 2, `the bar is at the top of the window (y=${box && box.y})`);
        const badge = bar.locator('.badge');
        assert.equal(await badge.isVisible(), true);
        assert.equal((await badge.innerText()).trim(), g.label);
        assert.match(await badge.getAttribute('class'), new RegExp(`\\bbadge-${g.tone}\\b`));
        if (g.tone !== 'approved') assert.doesNotMatch(await bar.innerText(), /Approved/);
        if (g.tone === 'overdue') {
          // The overdue style: the danger colours of the top banner, not the approved green.
          const colours = await badge.evaluate((el) => getComputedStyle(el).color);
          const approved = await page.evaluate(() => {
            const probe = document.createElement('span');
            probe.className = 'badge badge-approved';
            document.body.appendChild(probe);
            const c = getComputedStyle(probe).color;
            probe.remove();
            return c;
          });
          assert.notEqual(colours, approved, 'an overdue badge is not drawn in the approved colour');
          await page.screenshot({ path: join(SCREENSHOTS, `review-overdue-bar-${width}.png`) });
        }
      });

      test(`${g.path}: the details line, the status row and the printed header carry it`, async () => {
        await open(g.path, { page, drafts: !!g.drafts });
        const summary = await page.locator('details.meta-block summary').evaluate((el) => el.textContent.replace('Guideline details: ', ''));
        assert.ok(summary.startsWith(`${g.full} · version`), summary);
        await page.emulateMedia({ media: 'print' });
        try {
          const printed = await page.locator('.print-source').innerText();
          assert.ok(await page.locator('.print-source').isVisible(), 'the printed header shows in print');
          assert.match(printed, new RegExp(`\\(${g.full}\\)`));
        } finally {
          await page.emulateMedia({ media: 'screen' });
        }
      });
    }

    test('/guidelines/: each row says where it stands', async () => {
      await open('/guidelines/', { page });
      for (const g of GUIDELINES.filter((x) => !x.drafts)) {
        const row = page.locator('tr[data-filter-item]', { has: page.locator(`th a[href="${g.path}"]`) });
        const badge = row.locator('td[data-label="Status"] .badge');
        assert.equal((await badge.innerText()).trim(), g.label, g.path);
        assert.match(await badge.getAttribute('class'), new RegExp(`\\bbadge-${g.tone}\\b`));
      }
    });

    test('a service page lists the guidelines that cite it with where they stand', async () => {
      await open('/services/breathlessness-clinic-dorchester/', { page });
      const cited = page.locator('[aria-labelledby="cited-heading"] li', { has: page.locator('a[href="/guidelines/breathlessness/"]') });
      const badge = cited.locator('.badge');
      assert.equal((await badge.innerText()).trim(), 'Review overdue');
      assert.match(await badge.getAttribute('class'), /\bbadge-overdue\b/);
      assert.doesNotMatch(await cited.innerText(), /Approved/);
    });

    test('search results show the same badge', async () => {
      const s = await site();
      await page.goto(s.url('/search/?q=breathlessness'), { waitUntil: 'load' });
      const result = page.locator('.search-result', { has: page.locator('a[href="/guidelines/breathlessness/"]') });
      await result.waitFor();
      const badge = result.locator('.result-details .badge-overdue');
      assert.equal((await badge.innerText()).trim(), 'Review overdue');
      assert.doesNotMatch(await result.locator('.result-details').innerText(), /Approved/);
    });
  });
}

// A site is not always rebuilt when a review date passes: the page moves its
// state on by the reader's clock (static/js/guideline.js), never back.
describe('the review state as at the reader\'s today, not the build\'s', () => {
  async function at(time, path) {
    const s = await site();
    const context = await s.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date(time));
    await page.goto(s.url(path), { waitUntil: 'load' });
    return { context, page };
  }

  for (const [time, label, tone, full] of [
    ['2028-01-15T10:00:00', 'Review due soon', 'due-soon', 'Approved, review due soon'],
    ['2028-03-02T10:00:00', 'Review overdue', 'overdue', 'Approved, review overdue'],
  ]) {
    test(`COPD (review due 1 March 2028, built as approved) read on ${time.slice(0, 10)} says "${label}"`, async () => {
      const { context, page } = await at(time, '/guidelines/copd/#inhaled-therapy');
      try {
        const badge = page.locator('.guideline-bar .badge');
        await page.waitForFunction(() => document.querySelector('.guideline-bar .badge').textContent.trim() !== 'Approved');
        assert.equal((await badge.innerText()).trim(), label);
        assert.match(await badge.getAttribute('class'), new RegExp(`\\bbadge-${tone}\\b`));
        const summary = await page.locator('details.meta-block summary').evaluate((el) => el.textContent.replace('Guideline details: ', ''));
        assert.ok(summary.startsWith(`${full} · version`), summary);
        assert.match(await page.locator('.page-header .review-banner .banner-title').innerText(), new RegExp(label));
        assert.match(await page.locator('dt:text-is("Status") + dd .badge').evaluate((el) => el.textContent), new RegExp(full, 'i'));
      } finally {
        await context.close();
      }
    });
  }

  test('a reader whose clock is behind the build still sees "Review overdue"', async () => {
    const { context, page } = await at('2025-01-01T10:00:00', '/guidelines/breathlessness/#interpreting-the-results');
    try {
      assert.equal((await page.locator('.guideline-bar .badge').innerText()).trim(), 'Review overdue');
      assert.equal(await page.locator('.page-header .review-banner').count(), 1);
    } finally {
      await context.close();
    }
  });

  test('read on its build day, an approved guideline stays "Approved"', async () => {
    const { context, page } = await at('2026-11-25T10:00:00', '/guidelines/copd/');
    try {
      assert.equal((await page.locator('.guideline-bar .badge').innerText()).trim(), 'Approved');
      assert.equal(await page.locator('.review-banner').count(), 0);
    } finally {
      await context.close();
    }
  });
});
