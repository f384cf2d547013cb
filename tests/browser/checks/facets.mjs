// Facet counts on the filterable lists and the search page: each option's
// count is what choosing it shows, given the other filters, and a line says
// what the area filter hides, with a link that clears it. Counts are checked
// by choosing each option and counting what shows, or from services.json;
// never from the data- attributes the script reads.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { areaRelations, axe, choose, formatViolations, open, services, settled } from '../helper.mjs';

const CARDS = '#service-list [data-filter-item]:visible';

/** The example site has an areas tree: a service matches an area, the areas around it and inside it. */
let tree = null;
async function loadTree() {
  if (!tree) tree = await areaRelations(await open('/services/'));
  return tree;
}

function matches(service, { category, area, referral }) {
  return (!category || service.categories.some((c) => c.id === category))
    && (!area || service.areas.some((a) => tree.related(area).has(a.slug)))
    && (!referral || service.referral.some((r) => r.id === referral));
}

/** Each option of a select as { value, text, count, disabled, hidden }. */
function options(page, select) {
  return page.locator(`${select} option`).evaluateAll((os) => os.map((o) => {
    const m = o.textContent.match(/\((\d+)\)$/);
    return { value: o.value, text: o.textContent, count: m ? Number(m[1]) : null, disabled: o.disabled, hidden: o.hidden };
  }));
}

/** Chooses every option of `select` in turn: the count it said is the number of `rows` then shown. */
async function countsAreWhatChoosingShows(page, select, rows) {
  const before = await page.locator(select).inputValue();
  const listed = await options(page, select);
  for (const o of listed) {
    assert.notEqual(o.count, null, `${select} "${o.text}" shows a count`);
    await choose(page, select, o.value);
    const shown = await page.locator(rows).count();
    assert.equal(o.count, shown, `${select} "${o.text}": choosing it shows ${shown}`);
  }
  await choose(page, select, before);
  return listed;
}

/** A category and area of `list` where the area hides some of the category, but not all. */
function categoryAndHiddenArea(list) {
  const categories = [...new Set(list.flatMap((s) => s.categories.map((c) => c.id)))];
  for (const category of categories) {
    const inCategory = list.filter((s) => matches(s, { category }));
    for (const a of tree.areas) {
      const local = inCategory.filter((s) => matches(s, { area: a.slug })).length;
      if (local >= 1 && local < inCategory.length) return { category, area: a, local, more: inCategory.length - local };
    }
  }
  throw new Error('no category has services both inside and outside one area');
}

/** Chooses a category and an area that hides some of it: the line says how many, and its link shows them. */
async function checkMoreLine(path, list) {
  await loadTree();
  const { category, area, local, more } = categoryAndHiddenArea(list);
  const page = await open(path);
  await choose(page, '#filter-category', category);
  await choose(page, '#filter-area', area.slug);
  assert.equal(await page.locator(CARDS).count(), local);
  const line = page.locator('.filter-more');
  assert.equal(await line.count(), 1, 'a line under the count says what the area hides');
  assert.equal(await line.textContent(), `${more} more service${more === 1 ? '' : 's'} outside ${area.name} — show ${more === 1 ? 'it' : 'them'}`);
  assert.equal(await line.getAttribute('aria-live'), null, 'the line is not announced on every change');
  assert.equal(await line.locator('xpath=ancestor-or-self::*[@aria-live or @role="status"]').count(), 0, 'nor inside a live region');
  await line.getByRole('link', { name: /^show (them|it)$/ }).click();
  await settled(page);
  assert.equal(await page.locator('#filter-area').inputValue(), '', 'the link clears the area');
  assert.equal(await page.locator('#filter-category').inputValue(), category, 'and keeps the category');
  assert.equal(await page.locator(CARDS).count(), local + more, 'every service in the category shows');
  const query = new URL(page.url()).searchParams;
  assert.equal(query.get('area'), null, `the address drops the area: ${page.url()}`);
  assert.equal(query.get('category'), category);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'filter-area', 'focus goes to the filter it cleared');
  assert.equal(await line.isVisible(), false, 'nothing is hidden now, so no line');
}

describe('facet counts', () => {
  test('/services/: with a category chosen, each area and referral count is what choosing it shows; (0) stays selectable', async () => {
    const { services: list } = await services();
    await loadTree();
    // A category some area has none of (county-wide services cover every area).
    const categories = [...new Set(list.flatMap((s) => s.categories.map((c) => c.id)))];
    const category = categories.find((c) => list.filter((s) => matches(s, { category: c })).length > 1
      && tree.areas.some((a) => !list.some((s) => matches(s, { category: c, area: a.slug }))));
    assert.ok(category, 'the example site has a category some area has none of');
    const page = await open('/services/');
    await choose(page, '#filter-category', category);
    const areas = await countsAreWhatChoosingShows(page, '#filter-area', CARDS);
    assert.equal(areas[0].count, list.filter((s) => matches(s, { category })).length, `"All areas" counts the ${category} services`);
    const zero = areas.find((o) => o.value && o.count === 0);
    assert.ok(zero, `an area with no ${category} service says (0): ${areas.map((o) => o.text).join(', ')}`);
    assert.ok(!zero.disabled && !zero.hidden, `${zero.text} is neither disabled nor hidden`);
    await choose(page, '#filter-area', zero.value);
    assert.equal(await page.locator('#filter-area').inputValue(), zero.value, `${zero.text} can be chosen`);
    assert.equal(await page.locator(CARDS).count(), 0);
    await choose(page, '#filter-area', '');
    await countsAreWhatChoosingShows(page, '#filter-referral', CARDS);
    // And the other way round: the category counts follow a chosen area.
    await choose(page, '#filter-category', '');
    await choose(page, '#filter-area', areas.find((o) => o.value && o.count > 0).value);
    await countsAreWhatChoosingShows(page, '#filter-category', CARDS);
  });

  test('/services/: counts are right on load from the address, and the accessible names carry them', async () => {
    const { services: list } = await services();
    await loadTree();
    const { category, area } = categoryAndHiddenArea(list);
    const page = await open(`/services/?category=${category}&area=${area.slug}`);
    for (const o of await options(page, '#filter-area')) {
      const expected = list.filter((s) => matches(s, { category, area: o.value })).length;
      assert.equal(o.count, expected, `area "${o.text}" with category ${category}`);
    }
    for (const o of await options(page, '#filter-category')) {
      const expected = list.filter((s) => matches(s, { category: o.value, area: area.slug })).length;
      assert.equal(o.count, expected, `category "${o.text}" in ${area.name}`);
    }
    // What a screen reader reads for the chosen option is the text with its count.
    const expected = list.filter((s) => matches(s, { category, area: area.slug })).length;
    await page.locator('#filter-area').focus();
    const snapshot = await page.locator('#filter-area').ariaSnapshot();
    assert.ok(snapshot.includes(`${area.name} (${expected})`), `the area select reads "${area.name} (${expected})": ${snapshot.slice(0, 200)}`);
  });

  test('/services/: the line under the count says what the area hides, and its link shows them', async () => {
    const { services: list } = await services();
    await checkMoreLine('/services/', list);
  });

  test('a directory page: counts follow the other filters, and the area line works too', async () => {
    const { services: list } = await services();
    const path = '/directories/housing-and-warmth/';
    const inDirectory = list.filter((s) => s.directory.url === path);
    assert.ok(inDirectory.length > 3);
    const { category } = categoryAndHiddenArea(inDirectory);
    const page = await open(path);
    await choose(page, '#filter-category', category);
    await countsAreWhatChoosingShows(page, '#filter-area', CARDS);
    await checkMoreLine(path, inDirectory);
  });

  test('/guidelines/: condition counts follow the status filter', async () => {
    const page = await open('/guidelines/?status=superseded');
    await countsAreWhatChoosingShows(page, '#filter-condition', '#guideline-list tbody tr:visible');
    await countsAreWhatChoosingShows(page, '#filter-review', '#guideline-list tbody tr:visible');
  });

  test('/services/ with filters applied and the area line showing: no axe violations', async () => {
    const { services: list } = await services();
    await loadTree();
    const { category, area } = categoryAndHiddenArea(list);
    const page = await open(`/services/?category=${category}&area=${area.slug}`);
    assert.ok(await page.locator('.filter-more').isVisible(), 'the area line shows');
    const violations = await axe(page);
    assert.equal(violations.length, 0, formatViolations('/services/ with category and area', violations));
  });

  test('/search/: with an area chosen, a line says how many more services are outside it, and its link shows them', async () => {
    const { services: list } = await services();
    await loadTree();
    const { category, area, local, more } = categoryAndHiddenArea(list);
    const inCategory = list.filter((s) => matches(s, { category }));
    const label = inCategory[0].categories.find((c) => c.id === category).label;
    const page = await open(`/search/?category=${encodeURIComponent(label)}&area=${encodeURIComponent(area.name)}&type=Service`);
    const line = page.locator('.search-outside');
    await line.waitFor({ state: 'visible' });
    assert.equal(await line.textContent(), `${more} more service${more === 1 ? '' : 's'} outside ${area.name} — show ${more === 1 ? 'it' : 'them'}`);
    assert.match(await page.textContent('#search-status'), new RegExp(`^${local} results? with these filters\\.$`));
    // The counts follow the other filters: the chosen area's count is what shows.
    const areaOption = await page.locator('#search-filter-area option:checked').textContent();
    assert.equal(areaOption.trim(), `${area.name} (${local})`, 'the label, indented by its depth in the tree');
    await line.getByRole('link').click();
    await page.waitForFunction((n) => new RegExp(`^${n} results? with`).test(document.getElementById('search-status').textContent), local + more);
    assert.equal(new URL(page.url()).searchParams.get('area'), null, 'the address drops the area');
    assert.equal(await page.inputValue('#search-filter-area'), '');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search-filter-area', 'focus goes to the filter it cleared');
    assert.equal(await line.isVisible(), false);
  });
});
