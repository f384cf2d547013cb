// With JavaScript off, every service is still listed and every link works.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, services, site } from '../helper.mjs';

// Pages whose every internal link is followed (one of each kind).
const LINK_PAGES = ['/', '/guidelines/', '/guidelines/copd/', '/guidelines/copd-2023/', '/services/',
  '/directories/housing-and-warmth/', '/services/handyperson-service/', '/about/', '/no-such-page/'];

describe('without JavaScript', () => {
  let context;
  let page;
  before(async () => {
    const s = await site();
    context = await s.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
  });
  after(async () => { if (context) await context.close(); });

  const names = (sel) => page.locator(sel).evaluateAll((els) => els
    .filter((el) => el.getClientRects().length > 0)
    .map((el) => el.textContent.trim()));

  test('/services/ lists every service, with its link', async () => {
    const { services: list, total } = await services();
    assert.equal(list.length, total);
    await open('/services/', { page });
    assert.equal(await page.locator('form[data-filter]').isVisible(), false, 'the filter form stays hidden: it needs the script');
    const cards = await names('#service-list [data-filter-item] .card-title');
    assert.equal(cards.length, total, `${cards.length} service cards shown, services.json has ${total}`);
    assert.deepEqual([...cards].sort(), list.map((s) => s.name).sort());
    const hrefs = await page.locator('#service-list .card-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual([...hrefs].sort(), list.map((s) => s.url).sort());
    // The no-script way in by category: a link to each category's page,
    // and together those pages list every service.
    const byCategory = await page.locator('#browse [aria-labelledby="browse-categories"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const categories = [...new Set(list.flatMap((s) => s.categories.map((c) => c.id)))];
    assert.deepEqual([...byCategory].sort(), categories.map((c) => `/services/category/${c}/`).sort());
    const seen = new Set();
    for (const href of byCategory) {
      await open(href, { page });
      for (const a of await page.locator('#service-list .card-title a').evaluateAll((as) => as.map((x) => x.getAttribute('href')))) seen.add(a);
    }
    assert.equal(seen.size, total, 'the category pages cover every service');
  });

  test('each directory lists all of its services', async () => {
    const { services: list } = await services();
    const directories = [...new Map(list.map((s) => [s.directory.url, s.directory])).values()];
    assert.ok(directories.length >= 2);
    for (const d of directories) {
      await open(d.url, { page });
      const expected = list.filter((s) => s.directory.url === d.url).map((s) => s.name).sort();
      const cards = await names('#service-list [data-filter-item] .card-title');
      assert.deepEqual([...cards].sort(), expected, `${d.url}: ${cards.length} shown, ${expected.length} in services.json`);
    }
  });

  test('every internal link on a sample of pages answers 200 (and its #fragment exists)', async () => {
    const s = await site();
    const seen = new Map(); // page URL without fragment -> HTML
    const broken = [];
    for (const path of LINK_PAGES) {
      await open(path, { page, status: path === '/no-such-page/' ? 404 : 200 });
      const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
      for (const href of new Set(hrefs)) {
        const url = new URL(href);
        if (url.origin !== s.origin) continue; // tel:, mailto:, and the services' own websites
        if (url.pathname === path && url.search === '') {
          // A link within this page (the skip link, contents): its target must exist here.
          const id = decodeURIComponent(url.hash.slice(1));
          if (id && (await page.locator(`[id="${id}"]`).count()) !== 1) broken.push(`${path}: ${href}: no id="${id}" on this page`);
          continue;
        }
        const key = url.origin + url.pathname + url.search;
        if (!seen.has(key)) {
          const response = await fetch(key, { redirect: 'manual' });
          seen.set(key, { status: response.status, html: await response.text() });
        }
        const { status, html } = seen.get(key);
        if (status !== 200) broken.push(`${path}: ${href} answered ${status}`);
        else if (url.hash && url.hash !== '#') {
          const id = decodeURIComponent(url.hash.slice(1));
          if (!html.includes(`id="${id}"`)) broken.push(`${path}: ${href}: no id="${id}" on that page`);
        }
      }
    }
    assert.ok(seen.size > 20, `only ${seen.size} internal links found`);
    assert.deepEqual(broken, []);
  });
});
