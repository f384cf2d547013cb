// The list filters and the guideline table of contents, in a real browser.
// Expected results come from services.json and from the words on the page,
// not from the data- attributes the script itself reads.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { areaRelations, choose, open, services, settled, showing } from '../helper.mjs';

/** Names of the visible service cards, in page order. */
function visibleCards(page) {
  return page.locator('#service-list [data-filter-item]:visible .card-title').allInnerTexts();
}

function matches(service, { category, area, referral }, related = (a) => new Set([a])) {
  return (!category || service.categories.some((c) => c.id === category))
    && (!area || service.areas.some((a) => related(area).has(a.slug)))
    && (!referral || service.referral.some((r) => r.id === referral));
}

/** Picks a filter combination that narrows `list` at each step but never to nothing. */
function pickFilters(list, related) {
  const count = (f) => list.filter((s) => matches(s, f, related)).length;
  const categories = [...new Set(list.flatMap((s) => s.categories.map((c) => c.id)))];
  for (const category of categories) {
    const n1 = count({ category });
    if (n1 < 2 || n1 === list.length) continue;
    for (const area of [...new Set(list.flatMap((s) => s.areas.map((a) => a.slug)))]) {
      const n2 = count({ category, area });
      if (n2 < 1 || n2 === n1) continue;
      for (const referral of ['self', 'professional', 'gp']) {
        const n3 = count({ category, area, referral });
        if (n3 >= 1 && n3 < n2) return { category, area, referral };
      }
    }
  }
  throw new Error('no filter combination narrows this list step by step');
}

async function checkServiceFilters(path, list) {
  const page = await open(path);
  const total = list.length;
  const status = page.locator('#result-count');
  assert.equal(await status.getAttribute('role'), 'status', 'the count is a live region');
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  assert.equal(await status.textContent(), showing(total, 'service'));
  assert.equal((await visibleCards(page)).length, total, 'every service is listed before filtering (the example fits one page)');

  const { related } = await areaRelations(page);
  const chosen = pickFilters(list, related);
  const applied = {};
  for (const [key, select] of [['category', '#filter-category'], ['area', '#filter-area'], ['referral', '#filter-referral']]) {
    applied[key] = chosen[key];
    await choose(page, select, chosen[key]);
    const expected = list.filter((s) => matches(s, applied, related)).map((s) => s.name).sort();
    const shown = (await visibleCards(page)).sort();
    assert.deepEqual(shown, expected, `${path} with ${JSON.stringify(applied)}`);
    // The count is of the matches in the whole list (the search index answers).
    assert.equal(await status.textContent(), showing(expected.length, 'service'));
    const query = new URL(page.url()).searchParams;
    for (const [k, v] of Object.entries(applied)) assert.equal(query.get(k), v, `the URL keeps ${k}: ${page.url()}`);
  }
  const narrowed = (await visibleCards(page)).sort();
  // The list is no longer grouped by directory (each directory has its own
  // pages): the links to the directories stay as they are.
  if (path === '/services/') {
    assert.ok(await page.getByRole('navigation', { name: 'Directories' }).isVisible(), 'the directory links stay');
  }

  await page.reload();
  await settled(page);
  assert.equal(await page.locator('#filter-category').inputValue(), chosen.category, 'reload keeps the category');
  assert.equal(await page.locator('#filter-area').inputValue(), chosen.area, 'reload keeps the area');
  assert.equal(await page.locator('#filter-referral').inputValue(), chosen.referral, 'reload keeps the referral route');
  assert.deepEqual((await visibleCards(page)).sort(), narrowed, 'reload keeps the narrowed list');
  assert.equal(await status.textContent(), showing(narrowed.length, 'service'));

  await page.getByRole('button', { name: 'Reset filters' }).click();
  await page.waitForFunction(() => !location.search);
  await settled(page);
  assert.equal((await visibleCards(page)).length, total, 'reset lists every service again');
  assert.equal(await status.textContent(), showing(total, 'service'));
  for (const sel of ['#filter-category', '#filter-area', '#filter-referral']) assert.equal(await page.locator(sel).inputValue(), '');

}

describe('behaviour', () => {
  test('/services/: category, area and referral filters narrow the list, survive a reload, and reset', async () => {
    const { services: list } = await services();
    await checkServiceFilters('/services/', list);
  });

  test('a directory page filters likewise', async () => {
    const { services: list } = await services();
    const inDirectory = list.filter((s) => s.directory.url === '/directories/respiratory/');
    assert.ok(inDirectory.length > 3);
    await checkServiceFilters('/directories/respiratory/', inDirectory);
  });

  test('filters that match nothing say so in the live region', async () => {
    const { services: list } = await services();
    const categories = [...new Set(list.flatMap((s) => s.categories.map((c) => c.id)))];
    const areas = [...new Set(list.flatMap((s) => s.areas.map((a) => a.slug)))];
    const { related } = await areaRelations(await open('/services/'));
    let query = null;
    for (const category of categories) {
      const area = areas.find((a) => !list.some((s) => matches(s, { category, area: a }, related)));
      if (area) { query = { category, area }; break; }
    }
    assert.ok(query, 'the example services have a category and area with nothing in common');
    const page = await open(`/services/?category=${query.category}&area=${query.area}`);
    assert.equal((await visibleCards(page)).length, 0);
    assert.match(await page.locator('#result-count').textContent(), /^Showing 0 of \d+ services\. No matches: change or reset the filters\.$/);
    assert.equal(await page.locator('nav[aria-label="Pages"]:visible').count(), 0, 'no pager for no results');
  });

  test('/guidelines/: condition, status and review filters narrow the table, survive a reload, and reset', async () => {
    const page = await open('/guidelines/');
    // Read the expected results from the words in each row, before filtering.
    const rows = await page.locator('#guideline-list tbody tr').evaluateAll((trs) => trs.map((tr) => {
      const cells = [...tr.children].map((c) => c.innerText.replace(/\s+/g, ' ').trim());
      return { title: tr.querySelector('th a').textContent.trim(), status: cells[1], review: cells[2], conditions: cells[4] };
    }));
    const total = rows.length;
    const status = page.locator('#result-count');
    const shown = async () => (await page.locator('#guideline-list tbody tr:visible th a').allInnerTexts()).map((t) => t.trim()).sort();
    assert.equal(await status.textContent(), showing(total, 'guideline'));

    const cases = [
      ['#filter-status', 'superseded', (r) => r.status.startsWith('Superseded')],
      // The review state shows in the status badge (the standing, views.rs).
      ['#filter-review', 'overdue', (r) => r.status.includes('Review overdue')],
      ['#filter-review', 'due_soon', (r) => r.status.includes('Review due soon')],
    ];
    // A condition: the option label (without its count) must appear in the row's conditions.
    const option = await page.locator('#filter-condition option').nth(1).evaluate((o) => ({ value: o.value, label: o.textContent.replace(/\s*\(\d+\)$/, '') }));
    cases.push(['#filter-condition', option.value, (r) => r.conditions.toLowerCase().split(', ').includes(option.label.toLowerCase())]);

    for (const [select, value, expect] of cases) {
      await choose(page, select, value);
      const expected = rows.filter(expect).map((r) => r.title).sort();
      assert.ok(expected.length > 0 && expected.length < total, `${select}=${value} should narrow the example list`);
      assert.deepEqual(await shown(), expected, `${select}=${value}`);
      assert.equal(await status.textContent(), showing(expected.length, 'guideline'));
      assert.equal(new URL(page.url()).searchParams.get(select.replace('#filter-', '')), value);
      await page.reload();
      await settled(page);
      assert.equal(await page.locator(select).inputValue(), value, 'reload keeps the filter');
      assert.deepEqual(await shown(), expected, 'reload keeps the narrowed table');
      await page.getByRole('button', { name: 'Reset filters' }).click();
      await page.waitForFunction(() => !location.search);
      await settled(page);
      assert.equal((await shown()).length, total);
      assert.equal(await status.textContent(), showing(total, 'guideline'));
    }
  });

  test('guideline contents: every link jumps to its heading', async () => {
    const page = await open('/guidelines/copd/');
    const links = await page.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 5, 'the COPD guideline has a table of contents');
    for (const href of links) {
      // Start from the top each time so that every jump is a real scroll.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator(`nav.toc a[href="${href}"]`).click();
      await page.waitForFunction((h) => location.hash === h, href);
      const where = await page.evaluate((h) => {
        const target = document.getElementById(decodeURIComponent(h.slice(1)));
        if (!target) return null;
        const r = target.getBoundingClientRect();
        return { tag: target.tagName, isTarget: target.matches(':target'), top: r.top, bottom: r.bottom, height: innerHeight };
      }, href);
      assert.ok(where, `${href}: no element with that id`);
      assert.match(where.tag, /^H[23]$/, `${href} points at a ${where.tag}, not a heading`);
      assert.ok(where.isTarget, `${href}: :target does not match`);
      assert.ok(where.top >= -1 && where.bottom <= where.height, `${href}: heading is not in view (top ${where.top})`);
    }
  });
});
