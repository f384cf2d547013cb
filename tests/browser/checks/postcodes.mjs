// Postcodes pick the area (issue 22, point 4), on the example site, whose
// site.yaml gives example districts for its areas: a postcode typed in the
// services filters (list and directory pages) chooses the area and says so,
// the area's and the county-wide services are shown with the counts the
// area filter gives, the address keeps it; search reads "damp DT4" as damp
// in Weymouth and Portland; an unknown postcode is said so and keeps the
// other filters; the table is fetched only once something postcode-shaped is
// typed. At 390 and 1280 px, axe clean.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { areaRelations, axe, formatViolations, open, pageAtWidth, resultPaths, screenshotPath, searchPage, services, settled, site } from '../helper.mjs';

const WEYMOUTH = 'weymouth-and-portland';
const WARM_HOMES = 'Warm Homes Advice Line'; // listed for All of Dorset

/** Types `text` in the postcode field and presses Enter; waits for the list. */
async function typePostcode(page, text) {
  await page.fill('#filter-postcode', text);
  await page.press('#filter-postcode', 'Enter');
  await page.waitForFunction(() => document.getElementById('result-count').hasAttribute('data-note')
    || !document.getElementById('filter-postcode').value);
  await settled(page);
}

/** How many services a filter for `slug` finds: those listed for it, or an area around or inside it. */
async function servicesIn(page, slug, keep = () => true) {
  const { related } = await areaRelations(page);
  const areas = related(slug);
  return (await services()).services.filter((s) => keep(s) && s.areas.some((a) => areas.has(a.slug))).length;
}

const statusOf = (page) => page.textContent('#result-count');
const visibleNames = (page) => page.locator('#service-list .card-title').allInnerTexts();


for (const width of [390, 1280]) {
  describe(`postcodes pick the area at ${width} px`, () => {
    const held = pageAtWidth(width);
    let page;
    before(() => { page = held.page; });

    test('services list: "dt4 7tu" chooses Weymouth and Portland, says so, and lists its and the county-wide services', async () => {
      await open('/services/', { page });
      await typePostcode(page, 'dt4 7tu');
      const expected = await servicesIn(page, WEYMOUTH);
      assert.ok(expected > 0, 'the example site has services for Weymouth and Portland');
      assert.equal(await statusOf(page), `DT4 7TU is in Weymouth and Portland. Showing 1–${expected} of ${expected} services`);
      assert.equal(await page.inputValue('#filter-area'), WEYMOUTH);
      assert.equal(await page.inputValue('#filter-postcode'), 'DT4 7TU');
      assert.equal((await visibleNames(page)).length, expected);
      assert.ok((await visibleNames(page)).includes(WARM_HOMES), 'the county-wide service is shown');
      const params = new URL(page.url()).searchParams;
      assert.equal(params.get('area'), WEYMOUTH);
      assert.equal(params.get('postcode'), 'DT4 7TU');
      // The form and the status line under it, as the person sees them.
      await page.locator('#result-count').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`postcodes-services-${width}.png`) });
      const violations = await axe(page);
      assert.equal(violations.length, 0, formatViolations(`services with a postcode at ${width} px`, violations));
    });

    test('the address brings the postcode back; choosing an area by hand, or showing the rest, clears it', async () => {
      const fromAddress = async () => {
        await open('/services/?postcode=dt47tu', { page });
        await page.waitForFunction(() => /^DT4 7TU is in Weymouth and Portland\. /.test(document.getElementById('result-count').textContent));
        await settled(page);
        assert.equal(await page.inputValue('#filter-area'), WEYMOUTH);
      };
      await fromAddress();
      await page.click('.filter-more a');
      await settled(page);
      assert.equal(await page.inputValue('#filter-area'), '');
      assert.equal(await page.inputValue('#filter-postcode'), '');
      assert.doesNotMatch(await statusOf(page), /is in/);
      await fromAddress();
      await page.selectOption('#filter-area', 'dorchester');
      await settled(page);
      assert.equal(await page.inputValue('#filter-postcode'), '');
      assert.doesNotMatch(await statusOf(page), /is in/);
      assert.equal(new URL(page.url()).searchParams.get('postcode'), null);
    });

    test('an unknown postcode is said so and keeps the other filters', async () => {
      await open('/services/?category=warmth', { page });
      const before = await statusOf(page);
      await typePostcode(page, 'sw1a1aa');
      assert.equal(await statusOf(page), `No area on this site covers SW1A 1AA. ${before}`);
      assert.equal(await page.inputValue('#filter-category'), 'warmth');
      assert.equal(await page.inputValue('#filter-area'), '');
      assert.equal(new URL(page.url()).searchParams.get('category'), 'warmth');
      const violations = await axe(page);
      assert.equal(violations.length, 0, formatViolations(`an unknown postcode at ${width} px`, violations));
    });

    test('a directory page: the district alone chooses the area, within the directory', async () => {
      await open('/directories/housing-and-warmth/', { page });
      await typePostcode(page, 'DT4');
      const housing = (s) => s.directory.url === '/directories/housing-and-warmth/';
      const expected = await servicesIn(page, WEYMOUTH, housing);
      assert.equal(await statusOf(page), `DT4 is in Weymouth and Portland. Showing 1–${expected} of ${expected} services`);
      assert.ok((await visibleNames(page)).includes(WARM_HOMES));
    });

    test('search: "damp DT4" is damp in Weymouth and Portland', async () => {
      await searchPage(page, '/search/?q=damp&area=weymouth-and-portland');
      const inArea = await resultPaths(page);
      assert.ok(inArea.length > 0, 'damp finds something in Weymouth and Portland');
      await searchPage(page, '/search/?q=damp+DT4');
      const status = await page.textContent('#search-status');
      assert.match(status, /^DT4 is in Weymouth and Portland\. \d+ results? for “damp” in Weymouth and Portland\.$/, status);
      assert.deepEqual(await resultPaths(page), inArea);
      const found = await resultPaths(page);
      assert.ok(found.includes('/services/home-energy-grants/'), `the Dorset Council area's damp grants: ${found.join(', ')}`);
      assert.ok(!found.includes('/services/damp-and-mould-advice/'), 'the Bournemouth, Christchurch and Poole service is not');
      const violations = await axe(page);
      assert.equal(violations.length, 0, formatViolations(`search with a postcode at ${width} px`, violations));
    });

    test('search: an unknown postcode is said so; the words and the other filters stand', async () => {
      await searchPage(page, '/search/?q=damp&type=Service');
      const without = await resultPaths(page);
      await searchPage(page, '/search/?q=damp+SW1A+1AA&type=Service');
      const status = await page.textContent('#search-status');
      assert.match(status, /^No area on this site covers SW1A 1AA\. \d+ results? for “damp”\.$/, status);
      assert.deepEqual(await resultPaths(page), without);
    });
  });
}

describe('postcodes: the table costs nothing until a postcode is typed', () => {
  test('search for words alone, and the services list untouched, never fetch it', async () => {
    const s = await site();
    const context = await s.newContext();
    const fetched = [];
    context.on('request', (r) => { if (/\/postcodes\.[0-9a-f]+\.json$/.test(r.url())) fetched.push(r.url()); });
    try {
      const page = await context.newPage();
      await searchPage(page, '/search/?q=copd+inhalers');
      await open('/services/', { page });
      assert.deepEqual(fetched, []);
      await typePostcode(page, 'DT1');
      assert.equal(fetched.length, 1, 'fetched once typed');
      assert.match(await statusOf(page), /^DT1 is in Dorchester\. /);
    } finally {
      await context.close();
    }
  });
});
