// Creating and removing things in the preview's editor (docs/editing.md):
// from a directory's page, "Add a service" adds one and "Remove this
// service" removes it after a confirmation naming it; from the list of
// guidelines, "New guideline" writes a draft. Every page passes axe at
// 1280 and 768 px. Runs the real `signpost serve` on a copy of the example site.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { editorSession, axeAtBothWidths } from '../helper.mjs';

const DIRECTORY = 'content/services/housing-and-warmth.yaml';

describe('preview: adding and removing a service, and a new guideline', () => {
  let session;
  let dir;
  let origin;
  let page;
  let problems;
  // The directory file as it was before the service was added.
  let original;
  before(async () => {
    session = await editorSession('signpost-editor-new-');
    ({ dir, origin, page, problems } = session);
  });
  after(async () => { if (session) await session.close(); });

  async function submit(button) {
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: button }).click(),
    ]);
    await page.waitForLoadState('load');
    await page.locator('#notice').waitFor();
  }

  test('the preview pages that get the new links still pass axe at 1280 and 768 px', async () => {
    for (const [path, link] of [
      ['/guidelines/', 'New guideline'],
      ['/directories/housing-and-warmth/', 'Add a service'],
      ['/services/warm-homes-advice/', 'Remove this service'],
    ]) {
      await page.goto(`${origin}${path}`);
      await page.getByRole('link', { name: link }).waitFor();
      await axeAtBothWidths(page, `the preview of ${path}`);
    }
    assert.deepEqual(problems, []);
  });

  test('"Add a service" on a directory page appends one to its file', async () => {
    original = readFileSync(join(dir, DIRECTORY), 'utf8');
    await page.goto(`${origin}/directories/housing-and-warmth/`);
    await page.getByRole('link', { name: 'Add a service' }).click();
    await page.waitForURL(/\/__signpost\/edit\/add-service\//);
    await axeAtBothWidths(page, 'the add-a-service page');
    await page.getByLabel('Id', { exact: true }).fill('fuel-bank');
    await page.getByLabel('Name', { exact: true }).fill('Fuel bank');
    await page.getByLabel('Organisation', { exact: true }).fill('Example Fuel Trust');
    await page.getByLabel('Description', { exact: true }).fill('Emergency top-ups for prepayment meters.');
    await page.getByLabel('Category', { exact: true }).selectOption('warmth');
    await submit('Add the service');
    assert.equal(await page.locator('#notice').innerText(), 'Added fuel-bank to Housing and warmth support.');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'notice', 'focus moves to what happened');
    await axeAtBothWidths(page, 'the page after adding');
    const after = readFileSync(join(dir, DIRECTORY), 'utf8');
    const at = after.indexOf('  - id: fuel-bank\n');
    const added = /^ {2}- id: fuel-bank\n(?: {4}.*\n)+/.exec(after.slice(at))[0];
    assert.equal(added, '  - id: fuel-bank\n    name: Fuel bank\n    organisation: Example Fuel Trust\n'
      + '    description: Emergency top-ups for prepayment meters.\n    categories: [warmth]\n'
      + `    last_verified: ${/last_verified: (\S+)\n$/.exec(added)[1]}\n`);
    assert.equal(after.slice(0, at) + after.slice(at + added.length), original, 'everything else byte for byte');
    await page.goto(`${origin}/services/fuel-bank/`);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('Fuel bank'), null, { timeout: 15000 });
    assert.deepEqual(problems, []);
  });

  test('"Remove this service" asks, naming it, then removes only its lines', async () => {
    const before = readFileSync(join(dir, DIRECTORY), 'utf8');
    await page.goto(`${origin}/services/fuel-bank/`);
    await page.getByRole('link', { name: 'Remove this service' }).click();
    await page.waitForURL(/\/remove\/$/);
    assert.equal(await page.locator('h1').innerText(), 'Remove Fuel bank from Housing and warmth support?');
    await axeAtBothWidths(page, 'the remove confirmation');
    assert.equal(readFileSync(join(dir, DIRECTORY), 'utf8'), before, 'nothing removed before the confirmation');
    await submit('Remove Fuel bank');
    assert.equal(await page.locator('#notice').innerText(), 'Removed Fuel bank from Housing and warmth support.');
    assert.equal(readFileSync(join(dir, DIRECTORY), 'utf8'), original, 'back to the file before the service was added');
    await axeAtBothWidths(page, 'the page after removing');
    assert.deepEqual(problems, []);
  });

  test('"New guideline" on the list of guidelines writes a draft', async () => {
    await page.goto(`${origin}/guidelines/`);
    await page.getByRole('link', { name: 'New guideline' }).click();
    await page.waitForURL(/\/__signpost\/edit\/new\/guideline\/$/);
    await axeAtBothWidths(page, 'the new guideline page');
    await page.getByLabel('Title', { exact: true }).fill('Bronchiectasis: first steps');
    await page.getByLabel('File name', { exact: true }).fill('bronchiectasis');
    await page.getByLabel('First author', { exact: true }).fill('Dr B Example');
    await submit('Create the guideline');
    assert.equal(await page.locator('#notice').innerText(), 'Created content/guidelines/bronchiectasis.md as a draft guideline.');
    const text = readFileSync(join(dir, 'content/guidelines/bronchiectasis.md'), 'utf8');
    assert.match(text, /^---\ntitle: "Bronchiectasis: first steps"\n[^]*status: draft\n[^]*## About this guideline\n/);
    await page.getByRole('link', { name: 'Edit the new guideline' }).click();
    await page.waitForURL(/bronchiectasis\.md$/);
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Bronchiectasis: first steps');
    await axeAtBothWidths(page, 'the new guideline\'s edit page');
    assert.deepEqual(problems, []);
  });
});
