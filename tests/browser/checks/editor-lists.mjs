// The edit page's lists and mappings (docs/editing.md, src/serve/editor_lists.rs):
// a related service picked through the type-ahead (a <datalist> of ids
// with each service's name and area) and authors added, one in the empty
// row the page always offers and one through "Add another"; a service's
// opening hours changed a row at a time. Each save is compared with the
// file byte for byte, and both forms pass axe at 1280 and 768 px.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { editorSession, axeAtBothWidths } from '../helper.mjs';

const GUIDELINE = 'content/guidelines/copd.md';
const DIRECTORY = 'content/services/housing-and-warmth.yaml';

async function saveForm(page) {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Save', exact: true }).click(),
  ]);
  await page.waitForLoadState('load');
  await page.locator('#notice').waitFor();
  return page.locator('#notice').innerText();
}

describe('preview: lists and mappings on the edit forms', () => {
  let session;
  let dir;
  let origin;
  let page;
  let problems;
  before(async () => {
    session = await editorSession('signpost-editor-lists-');
    ({ dir, origin, page, problems } = session);
  });
  after(async () => { if (session) await session.close(); });

  test('a related service from the type-ahead, two new authors and the suggested review date are saved as those lines alone', async () => {
    const before = readFileSync(join(dir, GUIDELINE), 'utf8');
    await page.goto(`${origin}/__signpost/edit/content/guidelines/copd.md`);
    await axeAtBothWidths(page, 'the guideline form with its lists');
    // The type-ahead offers every service by id, with its name and area.
    const option = page.locator('#choices-related_services option[value="home-energy-grants"]');
    assert.match(await option.innerText(), /^Healthy Homes energy improvement grants — /);
    const newService = page.getByLabel('Add to related services');
    assert.equal(await newService.getAttribute('list'), 'choices-related_services');
    await newService.fill('home-energy-grants');
    // The empty author row, then one more through "Add another".
    await page.locator('#f-authors-3-name').fill('Dr New Example');
    await page.locator('#f-authors-3-role').fill('Pharmacist');
    await page.getByRole('button', { name: 'Add another: Add an author' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-authors-4-name', 'focus moves to the new row');
    await page.keyboard.type('Alex Example');
    // The review date, from the suggestion the site's usual period gives.
    const suggested = await page.locator('[data-suggested-date]').getAttribute('data-suggested-date');
    assert.match(suggested, /^\d{4}-\d{2}-\d{2}$/);
    assert.notEqual(suggested, '2028-03-01', 'a suggestion other than the file\'s date, so the save shows it');
    await page.getByRole('button', { name: `Use ${suggested}` }).click();
    assert.equal(await page.locator('#f-review_due').inputValue(), suggested);
    assert.equal(await saveForm(page), 'Saved.');
    const expected = before
      .replace(
        '    role: GP with an extended role in respiratory medicine\n',
        '    role: GP with an extended role in respiratory medicine\n  - name: Dr New Example\n    role: Pharmacist\n  - name: Alex Example\n',
      )
      .replace('  - breathe-easy-weymouth\n', '  - breathe-easy-weymouth\n  - home-energy-grants\n')
      .replace('review_due: 2028-03-01\n', `review_due: ${suggested}\n`);
    assert.notEqual(expected, before);
    assert.equal(readFileSync(join(dir, GUIDELINE), 'utf8'), expected);
    assert.equal(await page.locator('#f-related_services-14').inputValue(), 'home-energy-grants', 'the form shows what was saved');
    await axeAtBothWidths(page, 'the guideline form after a save');
    assert.deepEqual(problems, []);
  });

  test("a service's opening hours: a day unticked, a time changed and a row added", async () => {
    const before = readFileSync(join(dir, DIRECTORY), 'utf8');
    await page.goto(`${origin}/__signpost/edit/services/warm-homes-advice/`);
    await axeAtBothWidths(page, 'the service form with its lists');
    const hours = page.locator('#list-opening_hours');
    await hours.locator('#f-opening_hours-0-days-4').uncheck();
    await hours.locator('#f-opening_hours-1-closes').fill('13:30');
    const added = hours.locator('fieldset.new-row');
    assert.equal(await added.locator(':scope > legend').innerText(), 'Add opening times');
    await added.getByLabel('Fri', { exact: true }).check();
    await added.getByLabel('Opens').fill('09:00');
    await added.getByLabel('Closes').fill('16:30');
    assert.equal(await saveForm(page), 'Saved.');
    const expected = before.replace(
      '      - days: [mon, tue, wed, thu, fri]\n        opens: "09:00"\n        closes: "17:00"\n      - days: [sat]\n        opens: "10:00"\n        closes: "13:00"\n',
      '      - days: [mon, tue, wed, thu]\n        opens: "09:00"\n        closes: "17:00"\n      - days: [sat]\n        opens: "10:00"\n        closes: "13:30"\n      - days: [fri]\n        opens: "09:00"\n        closes: "16:30"\n',
    );
    assert.notEqual(expected, before);
    assert.equal(readFileSync(join(dir, DIRECTORY), 'utf8'), expected);
    await page.goto(`${origin}/services/warm-homes-advice/`);
    try {
      await page.waitForFunction(() => document.body.textContent.includes('4:30pm'), null, { timeout: 15000 });
    } catch (e) {
      const text = await page.evaluate(() => document.body.innerText);
      throw new Error(`${e}\n${text.slice(0, 3000)}`);
    }
    assert.deepEqual(problems, []);
  });
});
