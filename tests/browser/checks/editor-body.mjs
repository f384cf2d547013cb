// The body of a guideline's edit page (docs/editing.md): write a paragraph
// with a link picked from the picker, see it in the preview beside the
// text, save and compare the file byte for byte; an image is refused
// without a text alternative; a problem in the text, listed as you type,
// moves the cursor to its line when chosen. axe at 1280 and 768 px. Runs
// the real `signpost serve` on a copy of the example site.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS, axe, formatViolations, site, editorSession } from '../helper.mjs';

const GUIDELINE = 'content/guidelines/copd.md';
const EDIT = '/__signpost/edit/content/guidelines/copd.md';
const SERVICE = 'pulmonary-rehab-weymouth';

describe('preview: the body editor, its preview, toolbar and problems as you type', () => {
  let session;
  let dir;
  let origin;
  let page;
  let problems;
  before(async () => {
    session = await editorSession('signpost-editor-body-');
    ({ dir, origin, page, problems } = session);
    writeFileSync(join(dir, 'content/guidelines/chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    // Leaving with unsaved text asks first; these tests leave on purpose.
    page.on('dialog', (d) => d.accept());
  });
  after(async () => { if (session) await session.close(); });

  const area = () => page.locator('#f-body');
  const frame = () => page.frameLocator('#preview-frame');

  async function typeAtEnd(text) {
    await area().focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(text);
  }

  test('a paragraph with a service picked from the picker is previewed, saved byte for byte, and passes axe', async () => {
    const before = readFileSync(join(dir, GUIDELINE), 'utf8');
    assert.ok(before.endsWith('\n'));
    await page.goto(`${origin}${EDIT}`);
    await typeAtEnd('\nAsk about a course near the person: ');
    await page.getByRole('button', { name: 'Link…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a link' });
    await dialog.waitFor();
    assert.equal(await dialog.getByLabel('Link to').inputValue(), 'service');
    await dialog.getByLabel('Find').fill('Weymouth');
    await dialog.getByLabel('Choose').selectOption(`@/services/${SERVICE}`);
    await dialog.getByLabel('Link text').fill('pulmonary rehabilitation in Weymouth');
    await dialog.getByRole('button', { name: 'Add link' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-body', 'back in the text');
    await page.keyboard.type('.\n');

    const paragraph = `\nAsk about a course near the person: [pulmonary rehabilitation in Weymouth](@/services/${SERVICE}).\n`;
    const link = frame().locator(`a[href="/services/${SERVICE}/"]`, { hasText: 'pulmonary rehabilitation in Weymouth' });
    await link.waitFor({ timeout: 15000 });
    await page.locator('#check-status', { hasText: 'Checked as you type' }).waitFor();

    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: 900 });
      const violations = await axe(page);
      assert.equal(violations.length, 0, formatViolations(`the body editor at ${width} px`, violations));
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, 'editor-body-1280.png'), fullPage: true });

    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(EDIT)),
      page.getByRole('button', { name: 'Save', exact: true }).click(),
    ]);
    await page.locator('#notice').waitFor();
    assert.equal(readFileSync(join(dir, GUIDELINE), 'utf8'), before + paragraph);
    await page.goto(`${origin}/guidelines/copd/`);
    await page.locator(`main a[href="/services/${SERVICE}/"]`, { hasText: 'pulmonary rehabilitation in Weymouth' }).waitFor();
    assert.deepEqual(problems, [], 'no script or style refused by the policy, no errors');
  });

  test('an image cannot go in without a text alternative or "only decoration"', async () => {
    await page.goto(`${origin}${EDIT}`);
    const text = await area().inputValue();
    await typeAtEnd('\n');
    await page.getByRole('button', { name: 'Image…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an image' });
    await dialog.waitFor();
    await dialog.getByLabel('Image', { exact: true }).selectOption('/guidelines/chart.svg');
    await dialog.getByRole('button', { name: 'Add image' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /^Not added: describe what the image shows/);
    assert.equal(await area().inputValue(), text + '\n', 'nothing inserted');
    await dialog.getByLabel('Text alternative').fill('Chart of FEV1 by age');
    await dialog.getByRole('button', { name: 'Add image' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await area().inputValue(), text + '\n![Chart of FEV1 by age](/guidelines/chart.svg)');
    await typeAtEnd('\n');
    await page.getByRole('button', { name: 'Image…' }).click();
    await dialog.getByLabel('Text alternative').fill('');
    await dialog.getByLabel(/^Only decoration/).check();
    await dialog.getByRole('button', { name: 'Add image' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.ok((await area().inputValue()).endsWith('\n<img src="/guidelines/chart.svg" alt="">'));
  });

  test('choosing a problem in the text moves the cursor to its line', async () => {
    await page.goto(`${origin}${EDIT}`);
    await typeAtEnd('\nSee [the old leaflet](leaflet.md) too.\n');
    const lines = (await area().inputValue()).split('\n');
    const brokenLine = lines.findIndex((l) => l.includes('leaflet.md')) + 1;
    const problem = page.locator('#body-problems button', { hasText: 'leaflet.md' });
    await problem.waitFor({ timeout: 15000 });
    assert.match(await page.locator('#check-status').innerText(), /Checked as you type: 1 error/);
    await area().evaluate((a) => a.setSelectionRange(0, 0));
    await problem.focus();
    await page.keyboard.press('Enter');
    const cursorLine = await area().evaluate((a) => a.value.slice(0, a.selectionStart).split('\n').length);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-body');
    assert.equal(cursorLine, brokenLine);
  });

  test('the toolbar writes a table, an alert and a pathway that the preview draws and check accepts', async () => {
    await page.goto(`${origin}${EDIT}`);
    await typeAtEnd('\n');
    await page.getByRole('button', { name: 'Table' }).click();
    await page.keyboard.type('Drug');
    await typeAtEnd('\n');
    await page.getByLabel('Alert', { exact: true }).selectOption('WARNING');
    await page.getByRole('button', { name: 'Add alert' }).click();
    await page.keyboard.type('Check the inhaler technique first.');
    await typeAtEnd('\n');
    await page.getByRole('button', { name: 'Pathway' }).click();
    await page.keyboard.type('Inhaler review');
    const text = await area().inputValue();
    assert.ok(text.includes('\n| Drug | Heading |\n| --- | --- |\n| Text | Text |\n'), text.slice(-400));
    assert.ok(text.includes('\n> [!WARNING]\n> Check the inhaler technique first.\n'), text.slice(-400));
    assert.ok(text.includes('\n```pathway Inhaler review\nFirst step\n'), text.slice(-400));
    await frame().locator('figure.pathway', { hasText: 'Inhaler review' }).waitFor({ timeout: 15000 });
    await frame().locator('aside.callout-warning', { hasText: 'Check the inhaler technique first.' }).waitFor();
    await frame().locator('th', { hasText: 'Drug' }).waitFor();
    await page.locator('#check-status', { hasText: /Checked as you type: (no problems|0 errors)/ }).waitFor();
  });

  test('the link picker passes axe and offers only headings that exist', async () => {
    await page.goto(`${origin}${EDIT}`);
    await area().focus();
    await page.getByRole('button', { name: 'Link…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a link' });
    await dialog.waitFor();
    await dialog.getByLabel('Link to').selectOption('heading');
    await dialog.getByLabel('Find').fill('confirming');
    const offered = await dialog.getByLabel('Choose').locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(offered.includes('@/guidelines/copd.md#confirming-the-diagnosis'), offered.join('\n'));
    const violations = await axe(page);
    assert.equal(violations.length, 0, formatViolations('the link picker', violations));
    await dialog.getByLabel('Link to').selectOption('web');
    await dialog.getByLabel('Web address').fill('javascript:alert(1)');
    await dialog.getByLabel('Link text').fill('x');
    await dialog.getByRole('button', { name: 'Add link' }).click();
    assert.match(await dialog.getByRole('alert').innerText(), /^Not added: give a web address starting https:/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  test('a problem in the front matter is shown at its field as you type', async () => {
    await page.goto(`${origin}${EDIT}`);
    await page.getByLabel('Title', { exact: true }).fill('');
    const atTitle = page.locator('.field:has(#f-title) .field-problem');
    await atTitle.waitFor({ timeout: 15000 });
    assert.match(await atTitle.innerText(), /^Error: missing/);
    assert.match(await page.locator('#check-status').innerText(), /Checked as you type: 1 error/);
  });

  test('without JavaScript the Preview button shows the unsaved text in the frame', async () => {
    const s = await site();
    const plain = await s.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    try {
      const p = await plain.newPage();
      await p.goto(`${origin}${EDIT}`);
      assert.equal(await p.locator('.toolbar').isVisible(), false, 'the toolbar needs the script');
      await p.locator('#f-body').fill('## Written without a script\n\nPlain text.\n');
      await p.getByRole('button', { name: 'Preview' }).click();
      await p.frameLocator('#preview-frame').locator('h2', { hasText: 'Written without a script' }).waitFor({ timeout: 15000 });
      assert.equal(new URL(p.url()).pathname, EDIT, 'the editor stays open');
    } finally {
      await plain.close();
    }
  });
});
