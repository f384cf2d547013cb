// One area vocabulary (issue 21, point 3): the services list, directory
// pages and search read and write the same area key in the address (the
// slug the services list uses), an area the site does not have says so
// instead of "No results", and the search page's area filter is the areas
// tree, nested as the services list's is. At 390 and 1280 px, axe clean.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, formatViolations, open, pageAtWidth, resultPaths, searchPage, site } from '../helper.mjs';

/** The area options as shown: [value, label without its count, depth]. */
const areaOptions = (page, select) => page.$$eval(`${select} option`, (os) => os.filter((o) => o.value).map((o) => {
  const text = o.textContent.replace(/\s*\(\d+\)\s*$/, '');
  return [o.value, text.trim(), text.match(/^\u00a0*/)[0].length / 2];
}));

for (const width of [390, 1280]) {
  describe(`one area key at ${width} px`, () => {
    const held = pageAtWidth(width);
    let page;
    before(() => { page = held.page; });

    test('the services list\'s slug finds results on search, and names the area in words', async () => {
      await searchPage(page, '/search/?q=cold+home&area=weymouth-and-portland');
      const status = await page.textContent('#search-status');
      assert.doesNotMatch(status, /^No results/, status);
      assert.ok((await resultPaths(page)).includes('/services/warm-homes-advice/'), (await resultPaths(page)).join(', '));
      await page.waitForSelector('#search-filter-area');
      assert.equal(await page.inputValue('#search-filter-area'), 'weymouth-and-portland');
      const outside = page.locator('.search-outside');
      if (await outside.isVisible()) {
        assert.match(await outside.textContent(), /outside Weymouth and Portland — /);
        assert.doesNotMatch(await outside.textContent(), /weymouth-and-portland/);
      }
      const violations = await axe(page);
      assert.equal(violations.length, 0, formatViolations(`search with an area at ${width} px`, violations));
    });

    test('the search page\'s area filter is the services list\'s: the same keys, labels and nesting, in tree order', async () => {
      await searchPage(page, '/search/?q=warm&area=dorchester');
      await page.waitForSelector('#search-filter-area');
      const onSearch = await areaOptions(page, '#search-filter-area');
      await open('/services/', { page });
      const onList = await areaOptions(page, '#filter-area');
      assert.ok(onSearch.length > 5, JSON.stringify(onSearch));
      // Search lists the areas whose services match the query; each in the
      // list's order, with the list's key, label and depth.
      const order = onList.map((o) => o[0]);
      for (const option of onSearch) assert.deepEqual(option, onList.find((o) => o[0] === option[0]), option[0]);
      const positions = onSearch.map((o) => order.indexOf(o[0]));
      assert.deepEqual(positions, [...positions].sort((a, b) => a - b), 'in the tree\'s order, not alphabetical');
      assert.equal(onSearch[0][1], 'All of Dorset');
      assert.ok(onSearch.some((o) => o[2] === 2), 'towns are indented under their council area');
    });

    test('choosing an area on search writes the key the services list reads, and back', async () => {
      await searchPage(page, '/search/?q=warm');
      await page.click('.search-filters-open');
      await page.waitForSelector('#search-filter-area');
      const before = await page.textContent('#search-status');
      await page.selectOption('#search-filter-area', 'bridport');
      await page.waitForFunction((b) => document.getElementById('search-status').textContent !== b, before);
      const key = new URL(page.url()).searchParams.get('area');
      assert.equal(key, 'bridport');
      for (const path of ['/services/', '/directories/housing-and-warmth/']) {
        await open(`${path}?area=${key}`, { page });
        assert.equal(await page.inputValue('#filter-area'), 'bridport', path);
        assert.equal(await page.locator('.filter-unknown').count(), 0);
      }
    });

    test('an area the site does not have says so, on search and on the services list, and shows every area', async () => {
      await searchPage(page, '/search/?q=cold+home&area=narnia');
      const notice = page.locator('.search-unknown');
      assert.equal(await notice.isVisible(), true);
      assert.match(await notice.textContent(), /^No area called “narnia”/);
      assert.doesNotMatch(await page.textContent('#search-status'), /^No results/);
      assert.ok((await resultPaths(page)).includes('/services/warm-homes-advice/'));
      let violations = await axe(page);
      assert.equal(violations.length, 0, formatViolations(`search, unknown area, ${width} px`, violations));

      await open('/services/?area=narnia', { page });
      const line = page.locator('.filter-unknown');
      assert.equal(await line.isVisible(), true);
      assert.match(await line.textContent(), /^No area called “narnia”: showing every area\.$/);
      const status = await page.textContent('#result-count');
      const [, shown, total] = status.match(/Showing (?:\d+–)?([\d,]+) of ([\d,]+)/);
      assert.equal(shown, total, status);
      violations = await axe(page);
      assert.equal(violations.length, 0, formatViolations(`services list, unknown area, ${width} px`, violations));
    });
  });
}
