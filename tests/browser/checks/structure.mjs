// Page structure a screen reader user navigates by: one h1, headings in
// order, landmarks, link text that makes sense on its own, and status in words.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGES, open, site } from '../helper.mjs';

// Link text that says nothing out of context.
const VAGUE = /^(click here|here|click|more|read more|more info|more information|find out more|learn more|link|this|this page|details|go|continue)$/i;

describe('structure', () => {
  for (const [name, { path }] of Object.entries(PAGES)) {
    test(`${name} (${path}): one h1, headings in order, landmarks, link text`, async () => {
      const page = await open(name);
      const facts = await page.evaluate(() => {
        const visible = (el) => !el.closest('[hidden]') && getComputedStyle(el).display !== 'none';
        const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')]
          .filter(visible)
          .map((h) => ({ level: Number(h.getAttribute('aria-level') || h.tagName.slice(1)), text: h.textContent.trim().replace(/\s+/g, ' ') }));
        const name = (el) => {
          if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
          const by = el.getAttribute('aria-labelledby');
          if (by) return by.split(/\s+/).map((id) => (document.getElementById(id) || { textContent: '' }).textContent).join(' ');
          return el.textContent;
        };
        const links = [...document.querySelectorAll('a[href]')].filter(visible).map((a) => ({
          name: name(a).trim().replace(/\s+/g, ' '),
          described: !!a.getAttribute('aria-describedby'),
          html: a.outerHTML.slice(0, 140),
        }));
        return { headings, links };
      });
      const h1s = facts.headings.filter((h) => h.level === 1);
      assert.equal(h1s.length, 1, `${path}: ${h1s.length} h1 elements: ${JSON.stringify(h1s)}`);
      assert.equal(facts.headings[0].level, 1, `${path}: the first heading is not the h1: ${JSON.stringify(facts.headings[0])}`);
      for (let i = 1; i < facts.headings.length; i++) {
        const [prev, cur] = [facts.headings[i - 1], facts.headings[i]];
        assert.ok(cur.level <= prev.level + 1,
          `${path}: heading level skipped: h${prev.level} "${prev.text}" is followed by h${cur.level} "${cur.text}"`);
      }

      for (const [role, min, max] of [['banner', 1, 1], ['main', 1, 1], ['contentinfo', 1, 1], ['navigation', 1, 99]]) {
        const n = await page.getByRole(role).count();
        assert.ok(n >= min && n <= max, `${path}: ${n} ${role} landmark(s), expected ${min === max ? min : `at least ${min}`}`);
      }
      // Several navigation landmarks must be told apart by their labels.
      const navLabels = await page.locator('nav').evaluateAll((navs) => navs.map((n) => n.getAttribute('aria-label') || n.getAttribute('aria-labelledby') || ''));
      if (navLabels.length > 1) {
        assert.ok(navLabels.every(Boolean), `${path}: unlabelled nav among several: ${JSON.stringify(navLabels)}`);
        assert.equal(new Set(navLabels).size, navLabels.length, `${path}: nav labels repeat: ${JSON.stringify(navLabels)}`);
      }

      const empty = facts.links.filter((l) => !l.name);
      assert.deepEqual(empty, [], `${path}: links with no text`);
      const vague = facts.links.filter((l) => VAGUE.test(l.name) && !l.described);
      assert.deepEqual(vague, [], `${path}: links whose text means nothing out of context`);
    });
  }

  const STATUS = [
    ['guidelineApproved', 'Approved', null],
    ['guidelineSuperseded', 'Superseded, do not use', /superseded – do not use for patient care/i],
    ['guidelineOverdue', 'Approved, review overdue', /review overdue/i],
    ['guidelineDueSoon', 'Approved, review due soon', /review due soon/i],
    ['guidelineDraft', 'Draft, not for clinical use', /draft – not for clinical use/i],
  ];
  for (const [name, label, banner] of STATUS) {
    test(`${name}: status and review state are shown in words`, async () => {
      const page = await open(name);
      // In the details' one-line summary, and in full once opened.
      const line = (await page.locator('.meta-block > summary').textContent()).trim();
      assert.ok(line.startsWith(`Guideline details: ${label} · version `), `the details line reads "${line}"`);
      if (!(await page.locator('.meta-block').getAttribute('open') !== null)) await page.locator('.meta-block > summary').click();
      const status = (await page.locator('.meta div:has(> dt:text-is("Status")) dd').innerText()).trim();
      assert.ok(status.startsWith(label), `status reads "${status}", expected "${label}"`);
      if (banner) {
        const banners = await page.locator('.page-header .banner').allInnerTexts();
        assert.ok(banners.some((t) => banner.test(t)), `no banner saying ${banner}: ${JSON.stringify(banners)}`);
      }
      // Every badge has words in it: colour only repeats them.
      const badges = await page.locator('.badge').allInnerTexts();
      assert.ok(badges.every((t) => t.trim().length > 2), `badges without words: ${JSON.stringify(badges)}`);
    });
  }

  test('guidelines index: every row states its status and review state in words', async () => {
    const page = await open('guidelinesIndex');
    const rows = await page.locator('#guideline-list tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      status: tr.dataset.status, review: tr.dataset.review, text: tr.innerText.replace(/\s+/g, ' '),
    })));
    assert.ok(rows.length > 0);
    const words = { approved: 'Approved', superseded: 'Superseded', withdrawn: 'Withdrawn', draft: 'Draft' };
    for (const r of rows) {
      // Approved guidance due or overdue for review says so instead (the standing).
      const said = r.status === 'approved' && r.review !== 'ok' && r.review !== 'none' ? /Review (overdue|due soon)/ : words[r.status];
      assert.ok(typeof said === 'string' ? r.text.includes(said) : said.test(r.text), `row lacks ${said}: ${r.text}`);
      if (r.status === 'approved' && r.review === 'overdue') assert.match(r.text, /Review overdue/);
      if (r.status === 'approved' && r.review === 'due_soon') assert.match(r.text, /Review due soon/);
    }
  });

  test('the guidelines table stays a table for screen readers when it stacks on a phone', async () => {
    const s = await site();
    const page = s.page;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await open('guidelinesIndex');
      const rows = await page.locator('#guideline-list tbody tr').count();
      // Chromium's own accessibility tree, not a re-computation of it.
      const cdp = await s.context.newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      await cdp.detach();
      const count = (role) => nodes.filter((n) => n.role && n.role.value === role && !n.ignored).length;
      assert.equal(count('table'), 1, 'one table');
      assert.equal(count('rowheader'), rows, 'each guideline row keeps its row header');
      assert.equal(count('columnheader'), 5, 'the column headers are still there');
      assert.equal(count('cell'), rows * 4, 'every value is still a cell');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('stale service: "not verified" in words', async () => {
    const page = await open('serviceStale');
    assert.match(await page.locator('main').innerText(), /Not verified since \d+ \w+ \d{4}/);
  });
});

describe('when each service was checked', () => {
  // The home page promises that every service shows when it was last checked.
  for (const [path, card] of [['/services/', '.service-card'], ['/directories/housing-and-warmth/', '.service-card'], ['/guidelines/copd/', '.service-summary']]) {
    test(`${path}: every service says when it was checked, or that it is out of date`, async () => {
      const page = await open(path);
      const cards = await page.locator(card).evaluateAll((all) => all.map((c) => ({
        name: c.querySelector('.card-title').textContent.trim(),
        checked: c.querySelector('.card-checked')?.textContent.trim() || '',
        stale: !!c.querySelector('.flag-stale'),
      })));
      assert.ok(cards.length > 0);
      for (const c of cards) {
        if (c.stale) assert.equal(c.checked, '', `${c.name}: a stale card says so in its flag instead`);
        else assert.match(c.checked, /^Checked \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/, c.name);
      }
    });
  }
});
