// The example site's areas tree: choosing a town finds the county-wide
// services too (the services list, a directory page and search), and a
// county-wide card says "Covers all of Dorset".

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, site } from '../helper.mjs';

const WARM_HOMES = 'Warm Homes Advice Line'; // listed for All of Dorset

const visibleCards = (page) => page.locator('.service-card:visible .card-title').allInnerTexts();

describe('areas: a wider area covers the areas inside it', () => {
  for (const path of ['/services/', '/directories/housing-and-warmth/']) {
    test(`${path}?area=weymouth-and-portland lists the county-wide warmth services`, async () => {
      const page = await open(`${path}?area=weymouth-and-portland`);
      const names = await visibleCards(page);
      assert.ok(names.includes(WARM_HOMES), `${WARM_HOMES} is hidden: ${names.join(', ')}`);
      // Still a filter: a Bridport-only service is not shown.
      assert.ok(!names.some((n) => /Bridport/.test(n)), names.join(', '));
      const card = page.locator('.service-card:visible', { hasText: WARM_HOMES });
      assert.match(await card.innerText(), /Covers all of Dorset/);
    });
  }

  test('the area filter is the tree, nested', async () => {
    const page = await open('/services/');
    const labels = await page.locator('select[name="area"] option').allInnerTexts();
    const weymouth = labels.findIndex((l) => /Weymouth and Portland/.test(l));
    const council = labels.findIndex((l) => /Dorset Council area/.test(l));
    assert.ok(labels[1].startsWith('All of Dorset'), labels.join(' | '));
    assert.ok(council > 0 && weymouth === council + 1, labels.join(' | '));
  });

  test('search: the Weymouth and Portland area filter keeps county-wide services', async () => {
    const s = await site();
    const page = await open('/search/?q=warm&area=Weymouth+and+Portland');
    const result = page.locator('#search-results > li.result-service', { has: page.locator('a[href$="/services/warm-homes-advice/"]') });
    await result.waitFor({ timeout: 15000 });
    assert.match(await result.innerText(), /Covers all of Dorset/);
    assert.ok(s);
  });
});
