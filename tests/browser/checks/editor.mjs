// Editing in the browser (docs/editing.md): from a guideline or service
// page in `signpost serve`, "Edit this page" opens a form that passes axe at 1280
// and 768 px, runs under its own strict Content Security Policy, and saves
// by keyboard alone, changing one line of the file. Runs the real
// `signpost serve` on a copy of the example site.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS, axe, formatViolations, editorSession } from '../helper.mjs';

const GUIDELINE = 'content/guidelines/copd.md';
const DIRECTORY = 'content/services/housing-and-warmth.yaml';

describe('preview: editing a guideline or a service in the browser', () => {
  let session;
  let dir;
  let origin;
  let page;
  let problems;
  before(async () => {
    session = await editorSession('signpost-editor-');
    ({ dir, origin, page, problems } = session);
  });
  after(async () => { if (session) await session.close(); });

  test('"Edit this page" opens a labelled form that passes axe at 1280 and 768 px', async () => {
    await page.goto(`${origin}/guidelines/copd/`);
    await page.getByRole('link', { name: 'Edit this page' }).click();
    await page.waitForURL(/\/__signpost\/edit\/content\/guidelines\/copd\.md$/);
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'COPD: diagnosis and management in primary care');
    assert.equal(await page.getByRole('radio', { name: 'Approved' }).isChecked(), true);
    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: 900 });
      const violations = await axe(page);
      assert.equal(violations.length, 0, formatViolations(`the edit page at ${width} px`, violations));
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, 'editor-1280.png'), fullPage: true });
    assert.deepEqual(problems, [], 'no script or style refused by the policy, no errors');
  });

  test('by keyboard alone: a new title is saved, one line changes, and the page says so', async () => {
    const before = readFileSync(join(dir, GUIDELINE), 'utf8');
    await page.goto(`${origin}/__signpost/edit/content/guidelines/copd.md`);
    await page.locator('body').focus();
    let focused = '';
    for (let i = 0; i < 10 && focused !== 'f-title'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id || '');
    }
    assert.equal(focused, 'f-title', 'Tab reaches the title');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('COPD: diagnosis, care and review');
    // The address does not change on saving: wait for the save's own answer.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && /copd\.md$/.test(r.url())),
      page.keyboard.press('Enter'),
    ]);
    // The answer's page may commit a moment after the response: wait for
    // its notice, then for the script that moves focus to it.
    await page.locator('#notice', { hasText: 'Saved.' }).waitFor();
    assert.equal(await page.locator('#notice').innerText(), 'Saved.');
    const focusedNotice = await page.waitForFunction(() => document.activeElement?.id === 'notice', null, { timeout: 5000 }).then(() => true, () => false);
    assert.ok(focusedNotice, 'focus moves to what happened');
    const after = readFileSync(join(dir, GUIDELINE), 'utf8');
    const changed = before.split('\n').map((line, i) => [line, after.split('\n')[i]]).filter(([a, b]) => a !== b);
    assert.deepEqual(changed, [[
      'title: "COPD: diagnosis and management in primary care"',
      'title: "COPD: diagnosis, care and review"',
    ]]);
    assert.equal(after.split('\n').length, before.split('\n').length);
    const violations = await axe(page);
    assert.equal(violations.length, 0, formatViolations('the edit page after a save', violations));
    await page.goto(`${origin}/guidelines/copd/`);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('diagnosis, care and review'), null, { timeout: 15000 });
    assert.deepEqual(problems, []);
  });

  test('a service page\'s "Edit this page" opens a form that passes axe at 1280 and 768 px', async () => {
    await page.goto(`${origin}/services/warm-homes-advice/`);
    await page.getByRole('link', { name: 'Edit this page' }).click();
    await page.waitForURL(/\/__signpost\/edit\/services\/warm-homes-advice\/$/);
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Warm Homes Advice Line');
    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: 900 });
      const violations = await axe(page);
      assert.equal(violations.length, 0, formatViolations(`the service edit page at ${width} px`, violations));
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, 'editor-service-1280.png'), fullPage: true });
    assert.deepEqual(problems, []);
  });

  test('"Checked today" changes only that service\'s last_verified line', async () => {
    const before = readFileSync(join(dir, DIRECTORY), 'utf8');
    await page.goto(`${origin}/__signpost/edit/services/warm-homes-advice/`);
    const today = /\d{4}-\d{2}-\d{2}/.exec(await page.locator('#checked-hint').innerText())[0];
    await Promise.all([page.waitForURL(/warm-homes-advice\/$/), page.getByRole('button', { name: 'Checked today' }).click()]);
    await page.locator('#notice').waitFor();
    assert.equal(await page.locator('#notice').innerText(), 'Saved.');
    const after = readFileSync(join(dir, DIRECTORY), 'utf8');
    const changed = before.split('\n').map((line, i) => [line, after.split('\n')[i]]).filter(([a, b]) => a !== b);
    assert.deepEqual(changed, [['    last_verified: 2026-09-14', `    last_verified: ${today}`]]);
    const violations = await axe(page);
    assert.equal(violations.length, 0, formatViolations('the service edit page after a save', violations));
    assert.deepEqual(problems, []);
  });
});
