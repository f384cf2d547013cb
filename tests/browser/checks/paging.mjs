// Lists in pages (docs/paging.md), on the `paging` fixture: pages of three,
// 9 services, categories of 4 (warmth), 3 (advice), 5 (housing) and none
// (money), an area (Hamlet) that only county-wide services cover, and one
// service (Ivy info) open around the clock. Filters answer over the whole
// list, not the three cards a page holds. At a phone's width and a desk's.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO, axe, formatViolations, serveSite, site } from '../helper.mjs';

const CARDS = '#service-list .card-title';
const WARMTH = ['Alder advice', 'Birch boilers', 'Cedar heat', 'Ivy info'];
const HOUSING = ['Damson homes', 'Elm housing', 'Fir lets', 'Gorse rooms', 'Hazel help'];

let origin = null;
async function fixture() {
  if (!origin) origin = await serveSite(join(REPO, 'tests', 'fixtures', 'paging'));
  return origin;
}

const settled = (page) => page.waitForFunction(() => !document.querySelector('form[data-busy]'));
const names = (page) => page.locator(CARDS).allInnerTexts().then((t) => t.map((x) => x.trim()));
const status = (page) => page.locator('#result-count').textContent();
const pagerLinks = (page) => page.locator('nav[aria-label="Pages"]:visible a').evaluateAll((as) => as.map((a) => ({
  text: a.textContent.trim(), href: a.getAttribute('href'), current: a.getAttribute('aria-current'), rel: a.getAttribute('rel'),
})));

for (const width of [390, 1280]) {
  describe(`paged lists at ${width} px`, () => {
    let context;
    let page;
    before(async () => {
      const s = await site();
      await fixture();
      context = await s.newContext({ viewport: { width, height: width === 390 ? 844 : 900 } });
      page = await context.newPage();
    });
    after(async () => { if (context) await context.close(); });

    async function go(path) {
      await page.goto(origin + path, { waitUntil: 'load' });
      await settled(page);
    }

    test('a page holds three cards, says where it is, and links its neighbours', async () => {
      await go('/services/page/2/');
      assert.deepEqual(await names(page), ['Damson homes', 'Elm housing', 'Fir lets']);
      assert.equal(await status(page), 'Showing 4–6 of 9 services');
      const links = await pagerLinks(page);
      assert.deepEqual(links.filter((l) => l.current).map((l) => l.text), ['Page 2']);
      assert.deepEqual(links.filter((l) => l.rel).map((l) => [l.rel, l.href]), [['prev', '/services/'], ['next', '/services/page/3/']]);
      assert.equal(await page.locator('head link[rel="next"]').getAttribute('href'), '/services/page/3/');
    });

    test('a category filters the whole directory, in pages, with counts and the state in the address', async () => {
      await go('/services/');
      const option = await page.locator('#filter-category option[value="housing"]').textContent();
      assert.equal(option, 'Housing (5)', 'the count is over the whole directory, not the page');
      await page.selectOption('#filter-category', 'housing');
      await settled(page);
      assert.deepEqual(await names(page), HOUSING.slice(0, 3));
      assert.equal(await status(page), 'Showing 1–3 of 5 services');
      assert.equal(new URL(page.url()).searchParams.get('category'), 'housing');
      // The area counts follow the category: South has Elm, Fir (county-wide) and Hazel.
      assert.equal((await page.locator('#filter-area option[value="south"]').textContent()).trim(), 'South (3)');
      // Page 2 of the results, from the keyboard.
      const next = page.locator('nav[aria-label="Pages"]:visible a[rel="next"]');
      await next.focus();
      await page.keyboard.press('Enter');
      await settled(page);
      assert.deepEqual(await names(page), HOUSING.slice(3));
      assert.equal(await status(page), 'Showing 4–5 of 5 services');
      assert.equal(new URL(page.url()).searchParams.get('page'), '2');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'result-count', 'focus moves to the count, which says where the list stands');
      // A reload keeps all of it.
      await page.reload();
      await settled(page);
      assert.deepEqual(await names(page), HOUSING.slice(3));
      assert.equal(await page.locator('#filter-category').inputValue(), 'housing');
      // The static pager is hidden while the results have their own.
      assert.equal(await page.locator('[data-static-pager]').isVisible(), false);
    });

    test('one category is drawn from its list page\'s data in one request, with the counts the index gives', async () => {
      await go('/services/');
      const asked = [];
      // Data only: the browser asks for the icon again as the address
      // changes, and focus on the form fetches search-engine.js ahead.
      const listen = (request) => { const path = new URL(request.url()).pathname; if (!path.startsWith('/static/')) asked.push(path); };
      page.on('request', listen);
      try {
        await page.selectOption('#filter-category', 'housing');
        await settled(page);
        await page.locator('nav[aria-label="Pages"]:visible a[rel="next"]').click();
        await settled(page);
      } finally {
        page.off('request', listen);
      }
      assert.deepEqual(asked, ['/services/category/housing/cards.json', '/services/category/housing/page/2/cards.json']);
      assert.deepEqual(await names(page), HOUSING.slice(3));
      // What the index answers for the same choice, option by option.
      const shown = await page.locator('form[data-filter] select option').evaluateAll((os) => os.map((o) => `${o.parentNode.name}=${o.value}: ${o.textContent.trim()}`));
      const fromIndex = await page.evaluate(async () => {
        const form = document.querySelector('form[data-filter]');
        if (!window.SignpostSearch) {
          await new Promise((ok, no) => {
            const script = Object.assign(document.createElement('script'), { src: form.getAttribute('data-engine-script'), onload: ok, onerror: no });
            document.head.appendChild(script);
          });
        }
        const search = await window.SignpostSearch.load(form.getAttribute('data-engine'));
        const answer = await search.search('', { filters: { category: ['Housing'] }, counts: ['category', 'area', 'referral'], limit: 0 });
        const alone = await search.search('', { filters: { type: ['Service'] }, counts: ['category'], limit: 0 });
        return Array.from(form.querySelectorAll('select option')).map((o) => {
          const s = o.parentNode;
          const label = o.getAttribute('data-label') || o.textContent.replace(/ \(\d+\)$/, '');
          const key = s.getAttribute('data-engine-value') === 'value' ? o.value : label.trim();
          const counts = s.name === 'category' ? alone.counts.category : answer.counts[s.name];
          const n = o.value ? (counts[key] || 0) : (s.name === 'category' ? alone.results.length : answer.results.length);
          return `${s.name}=${o.value}: ${label.trim()} (${n})`;
        });
      });
      assert.deepEqual(shown, fromIndex);
    });

    test('an area shows the county-wide services around it; the line says what it hides', async () => {
      await go('/services/?category=warmth&area=hamlet');
      assert.deepEqual(await names(page), ['Cedar heat']);
      const line = page.locator('.filter-more');
      assert.equal(await line.textContent(), '3 more services outside Hamlet — show them');
      await line.getByRole('link').click();
      await settled(page);
      assert.deepEqual(await names(page), WARMTH.slice(0, 3));
      assert.equal(await status(page), 'Showing 1–3 of 4 services');
    });

    test('Open now keeps the services open now, from the whole directory', async () => {
      await go('/services/');
      const weekdayOpen = await page.evaluate(() => ['open', 'always'].includes(window.SignpostOpenNow.openStatus('mon,tue,wed,thu,fri 09:00-17:00', new Date()).state));
      await page.locator('#filter-open').check();
      await settled(page);
      const expected = weekdayOpen ? 9 : 1;
      assert.equal(await status(page), expected === 1 ? 'Showing 1 of 1 service' : `Showing 1–3 of ${expected} services`);
      if (!weekdayOpen) assert.deepEqual(await names(page), ['Ivy info']);
      assert.equal(new URL(page.url()).searchParams.get('open'), 'now');
    });

    test('a drawn card works like a built one: Add to list, open now', async () => {
      await go('/services/?category=warmth&page=2');
      assert.deepEqual(await names(page), ['Ivy info']);
      const card = page.locator('#service-list article').first();
      assert.match(await card.locator('.open-now').textContent(), /Open 24 hours/);
      const add = card.getByRole('button', { name: 'Add to list: Ivy info' });
      await add.click();
      assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem(window.SignpostList.key)).join()), 'ivy-info');
      await card.getByRole('button', { name: 'Remove from list: Ivy info' }).click();
    });

    test('a category page starts with its category; reset returns to its own cards', async () => {
      await go('/services/category/warmth/');
      assert.equal(await page.locator('#filter-category').inputValue(), 'warmth');
      assert.deepEqual(await names(page), WARMTH.slice(0, 3));
      assert.equal(await status(page), 'Showing 1–3 of 4 services');
      await page.selectOption('#filter-category', '');
      await settled(page);
      assert.equal(await status(page), 'Showing 1–3 of 9 services');
      assert.equal(new URL(page.url()).searchParams.get('category'), '', 'the address says every category');
      await page.getByRole('button', { name: 'Reset filters' }).click();
      await settled(page);
      await page.waitForFunction(() => document.getElementById('filter-category').value === 'warmth');
      await settled(page);
      assert.deepEqual(await names(page), WARMTH.slice(0, 3));
    });

    test('a paged list and a category page: no axe violations, filtered or not', async () => {
      for (const path of ['/services/page/2/', '/services/category/housing/', '/services/?category=housing&page=2', '/guidelines/page/2/', '/services/area/hamlet/']) {
        await go(path);
        const violations = await axe(page);
        assert.equal(violations.length, 0, formatViolations(`${path} at ${width} px`, violations));
      }
      await page.screenshot({ path: join(REPO, 'tests', 'browser', 'screenshots', `paging-${width}.png`), fullPage: true });
    });
  });
}

describe('paged lists without JavaScript', () => {
  let context;
  let page;
  before(async () => {
    const s = await site();
    await fixture();
    context = await s.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
  });
  after(async () => { if (context) await context.close(); });

  test('the pager and the category and area pages reach every service', async () => {
    await page.goto(`${origin}/services/`);
    assert.equal(await page.locator('form[data-filter]').isVisible(), false);
    const seen = [];
    for (;;) {
      seen.push(...(await names(page)));
      const next = page.locator('nav[aria-label="Pages"] a[rel="next"]');
      if (!(await next.count())) break;
      await next.click();
    }
    assert.equal(seen.length, 9);
    assert.equal(new Set(seen).size, 9, 'no service twice, none left out');
    await page.goto(`${origin}/services/`);
    await page.locator('#browse').getByRole('link', { name: /Hamlet/ }).click();
    assert.equal(new URL(page.url()).pathname, '/services/area/hamlet/');
    assert.deepEqual(await names(page), ['Cedar heat', 'Fir lets']);
  });
});
