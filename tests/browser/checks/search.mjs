// Search as GPs and advisers use it: abbreviations, expansions, typos, places
// and needs, each finding the page they want in the top three; no dead ends;
// results as they type; filters that narrow, with counts that follow the
// query; superseded guidance that says so; and a page usable by keyboard,
// accessible, and honest without JavaScript.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, formatViolations, open, site } from '../helper.mjs';

/** Query → a page that must be among the first three current results. */
const QUERIES = [
  ['SABA', '/guidelines/asthma/adults/'],
  ['short acting beta agonist', '/guidelines/asthma/adults/'],
  ['chronic obstructive', '/guidelines/copd/'],
  ['COPD', '/guidelines/copd/'],
  ['MART', '/guidelines/asthma/adults/'],
  ['ICS', '/guidelines/asthma/adults/'],
  ['BNP', '/guidelines/breathlessness/'],
  ['NT-proBNP', '/guidelines/breathlessness/'],
  ['heart failure', '/guidelines/breathlessness/'],
  ['FeNO', '/services/respiratory-diagnostic-hub-purbeck/'],
  ['LTOT', '/services/home-oxygen-service/'],
  ['inhaler carbon', '/guidelines/inhalers/'],
  ['spacer', '/guidelines/inhalers/'],
  ['rescue pack', '/guidelines/copd/'],
  ['cold home weymouth', '/services/warm-homes-advice/'],
  ['damp mould', '/services/damp-and-mould-advice/'],
  ['debt', '/services/debt-advice-line/'],
  ['carer', '/services/carers-support-dorset/'],
  ['stop smoking bridport', '/services/stop-smoking-service/'],
];

/** Runs a query through the search page and waits for its answer. */
async function search(page, query, extra = '') {
  const s = await site();
  await page.goto(s.url('/search/?q=' + encodeURIComponent(query) + extra));
  await page.waitForFunction(() => {
    const text = document.getElementById('search-status').textContent;
    return text && !text.startsWith('Searching');
  }, null, { timeout: 15000 });
  return page;
}

/** Paths of the current results (superseded guidance is listed apart). */
function currentResults(page) {
  return page.$$eval('#search-results > li.search-result .result-title a', (links) =>
    links.map((a) => new URL(a.href).pathname));
}

describe('search', () => {
  for (const [query, expected] of QUERIES) {
    test(`“${query}” finds ${expected} in the top three`, async () => {
      const { page } = await site();
      await search(page, query);
      const top = (await currentResults(page)).slice(0, 3);
      assert.ok(top.includes(expected), `top three for “${query}”: ${top.join(', ')}`);
    });
  }

  test('a misspelt drug is corrected, saying so', async () => {
    const { page } = await site();
    await search(page, 'salbutmol');
    const suggestion = await page.textContent('#search-suggestion');
    assert.match(suggestion, /No results for “salbutmol”\. Showing results for “salbutamol” instead\./);
    const top = (await currentResults(page)).slice(0, 3);
    assert.ok(top.includes('/guidelines/inhalers/'), top.join(', '));
  });

  test('superseded guidance is listed apart and links its replacement', async () => {
    const { page } = await site();
    await search(page, 'COPD');
    const current = await currentResults(page);
    assert.ok(!current.includes('/guidelines/copd-2023/'), 'the old version is not among current results');
    const older = page.locator('.search-older .search-result', { hasText: 'COPD' }).first();
    assert.match(await older.innerText(), /Superseded/);
    const replacement = await older.locator('.result-superseded a').getAttribute('href');
    assert.equal(new URL(replacement, page.url()).pathname, '/guidelines/copd/');
  });

  test('results carry what people act on: type, status and review date, or area, phone and referral', async () => {
    const { page } = await site();
    await search(page, 'pulmonary rehabilitation weymouth');
    const service = page.locator('#search-results > li.result-service').first();
    const text = await service.innerText();
    assert.match(text, /Service/);
    assert.match(text, /Areas: /);
    assert.match(text, /referral/i);
    assert.ok(await service.locator('a[href^="tel:"]').count() > 0, 'a phone link');
    await search(page, 'inhaler carbon');
    const guideline = await page.locator('#search-results > li.result-guideline').first().innerText();
    assert.match(guideline, /Guideline/);
    assert.match(guideline, /Review due \d+ \w+ \d{4}/);
    assert.ok(await page.locator('#search-results mark').count() > 0, 'matched words are highlighted');
  });

  test('overdue and due-soon reviews carry the badges the rest of the site uses', async () => {
    const { page } = await site();
    await search(page, 'breathlessness');
    const overdue = page.locator('#search-results > li.result-guideline', { has: page.locator('a[href$="/guidelines/breathlessness/"]') });
    assert.equal(await overdue.locator('.badge.badge-overdue').innerText(), 'Review overdue');
    assert.equal(await overdue.locator('.badge-overdue svg.icon').count(), 1, 'with the clock icon');
    await search(page, 'asthma adults');
    const dueSoon = page.locator('#search-results > li.result-guideline', { has: page.locator('a[href$="/guidelines/asthma/adults/"]') });
    assert.equal(await dueSoon.locator('.badge.badge-due-soon').innerText(), 'Review due soon');
    // The same words and class as on the guideline's own page.
    await open('/guidelines/breathlessness/', { page });
    assert.ok(await page.locator('.badge.badge-overdue', { hasText: 'Review overdue' }).count() > 0);
  });

  test('a directory is a result of its own type', async () => {
    const { page } = await site();
    await search(page, 'housing');
    const directory = page.locator('#search-results > li.result-directory', { has: page.locator('a[href$="/directories/housing-and-warmth/"]') });
    const text = await directory.innerText();
    assert.match(text, /Directory/);
    assert.match(text, /Directory of \d+ services/);
  });

  test('filters narrow the results and live in the URL', async () => {
    const { page } = await site();
    await search(page, 'pulmonary rehabilitation');
    const total = async () => Number((await page.textContent('#search-status')).match(/(\d+) results?/)[1]);
    /** Waits until the status line shows a finished search other than `before`. */
    const settled = (before) => page.waitForFunction((b) => {
      const t = document.getElementById('search-status').textContent;
      return t && t !== b && !t.startsWith('Searching');
    }, before);
    const all = await total();
    await page.click('.search-filters-open');
    await page.waitForSelector('#search-filter-type');
    let before = await page.textContent('#search-status');
    await page.selectOption('#search-filter-type', 'Service');
    await settled(before);
    assert.equal(new URLSearchParams(new URL(page.url()).search).get('type'), 'Service');
    const services = await total();
    assert.ok(services > 0 && services < all, `${services} services of ${all} results`);
    const shown = await currentResults(page);
    assert.ok(shown.every((p) => p.startsWith('/services/')), shown.join(', '));
    // The value is the slug the services list uses in its address too (issue 21).
    const area = await page.$$eval('#search-filter-area option', (os) => os.find((o) => /Weymouth and Portland/.test(o.textContent))?.value);
    assert.equal(area, 'weymouth-and-portland', 'Weymouth and Portland is an area filter, by its slug');
    before = await page.textContent('#search-status');
    await page.selectOption('#search-filter-area', area);
    await settled(before);
    assert.equal(new URLSearchParams(new URL(page.url()).search).get('area'), 'weymouth-and-portland');
    const local = await total();
    assert.ok(local > 0 && local < services, `${local} in Weymouth of ${services} services`);
    await page.reload();
    await page.waitForSelector('#search-filter-area');
    await page.waitForFunction(() => /result/.test(document.getElementById('search-status').textContent));
    assert.equal(await page.inputValue('#search-filter-area'), 'weymouth-and-portland', 'a reload keeps the filters');
    assert.equal(await total(), local, 'and the narrowed results');
  });

  test('no dead ends: a question no page answers word for word shows pages with some of the words, and says so', async () => {
    const { page } = await site();
    await search(page, 'back to work after illness');
    assert.match(await page.textContent('#search-status'), /^No page has every word; showing pages with some of them\. \d+ results for “back to work after illness”\.$/);
    assert.ok((await currentResults(page)).includes('/services/work-and-health-support/'));
  });

  test('results come as the person types, and the address follows', async () => {
    const page = await open('/search/');
    await page.focus('#search-q');
    await page.keyboard.type('pulmonary reh', { delay: 30 });
    await page.waitForFunction(() => /results? for “pulmonary reh”/.test(document.getElementById('search-status').textContent));
    const top = (await currentResults(page)).slice(0, 3);
    assert.ok(top.some((p) => p.includes('pulmonary-rehab')), `“reh” completes while typing: ${top.join(', ')}`);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'pulmonary reh');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q', 'typing is never interrupted');
  });

  test('a guideline result links the sections that match, by heading', async () => {
    const { page } = await site();
    await search(page, 'rescue pack');
    const sections = await page.$$eval('#search-results > li.result-guideline .result-sections a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(sections.length > 0 && sections.every((h) => /^\/guidelines\/[a-z0-9/-]+#[a-z0-9-]+$/.test(h)), sections.join(', '));
    for (const href of sections.slice(0, 2)) {
      const id = href.split('#')[1];
      await page.goto((await site()).url(href));
      assert.ok(await page.locator(`[id="${id}"]`).count() === 1, `${href} lands on its heading`);
    }
  });

  test('filter counts follow the query, and a value that would show nothing says (0)', async () => {
    const { page } = await site();
    await search(page, 'damp mould');
    const total = Number((await page.textContent('#search-status')).match(/(\d+) results?/)[1]);
    await page.click('.search-filters-open');
    await page.waitForSelector('#search-filter-type');
    const types = await page.$$eval('#search-filter-type option', (os) => os.slice(1).map((o) => o.textContent));
    const sum = types.reduce((n, t) => n + Number(t.match(/\((\d+)\)$/)[1]), 0);
    assert.equal(sum, total, `type counts ${types.join(', ')} add up to the ${total} results`);
    const conditions = await page.$$eval('#search-filter-condition option', (os) => os.slice(1).map((o) => o.textContent));
    assert.ok(conditions.some((t) => t.endsWith('(0)')), `conditions no result has still listed: ${conditions.join(', ')}`);
  });

  test('more results load on request, and focus moves to the first new one', async () => {
    const { page } = await site();
    await search(page, 'service');
    assert.equal((await currentResults(page)).length, 10, 'ten at first');
    await page.click('.search-more');
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li.search-result').length > 10);
    const focused = await page.evaluate(() => document.activeElement.closest('li.search-result') === document.querySelectorAll('#search-results > li.search-result')[10]);
    assert.ok(focused, 'focus is on the eleventh result');
  });

  test('the search page works by keyboard and has no axe violations', async () => {
    const s = await site();
    const page = s.page;
    await open('/search/');
    await page.focus('#search-q');
    await page.keyboard.type('oxygen');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /results? for “oxygen”/.test(document.getElementById('search-status').textContent));
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q', 'focus stays in the box');
    assert.equal(await page.getAttribute('#search-status', 'aria-live'), 'polite', 'the count is announced');
    const violations = await axe(page);
    assert.deepEqual(violations, [], formatViolations('search results', violations));
  });

  test('the header box on every page runs a search', async () => {
    const { page } = await site();
    await open('/guidelines/copd/');
    await page.fill('#site-search-q', 'debt');
    await page.press('#site-search-q', 'Enter');
    await page.waitForURL(/\/search\/\?q=debt/);
    await page.waitForFunction(() => /results? for “debt”/.test(document.getElementById('search-status').textContent));
    assert.ok((await currentResults(page)).includes('/services/debt-advice-line/'));
  });

  test('without JavaScript the search page says so and links the A–Z lists', async () => {
    const s = await site();
    const context = await s.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(s.url('/search/?q=COPD'));
    const text = await page.innerText('main');
    assert.match(text, /Search needs JavaScript/);
    const links = await page.$$eval('main noscript a, main a', (as) => as.map((a) => new URL(a.href).pathname));
    assert.ok(links.includes('/guidelines/') && links.includes('/services/'), links.join(', '));
    await context.close();
  });
});
