// The live preview's error box on a phone: a broken save shows it over the
// last good page, never over more than a third of the screen; it folds to a
// bar (and stays folded through the next broken save); fixing the file
// removes it. Runs the real `signpost serve` on a copy of the example site.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, SCREENSHOTS, axe, formatViolations, site, startPreview, stopPreview } from '../helper.mjs';

const GUIDELINE = 'content/guidelines/copd.md';
const OTHER = 'content/guidelines/inhalers.md';

// A page under `serve` asks for several files at once; every reply closes
// its connection (src/serve/http.rs), so none waits behind an idle one.
describe('preview: the error box on a phone', () => {
  let dir;
  let server;
  let origin;
  let context;
  let page;
  before(async () => {
    ({ dir, server, origin } = await startPreview('signpost-preview-'));
    const s = await site();
    context = await s.newContext({ viewport: { width: 390, height: 844 } });
    page = await context.newPage();
  });
  after(async () => {
    if (context) await context.close();
    stopPreview(server, dir);
  });

  const box = () => page.locator('#signpost-overlay');
  const edit = (from, to, rel = GUIDELINE) => {
    const file = join(dir, rel);
    writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
  };

  test('a broken save shows the errors over at most a third of the screen', async () => {
    await page.goto(`${origin}/guidelines/copd/`);
    edit(/^title: (.*)$/m, 'title: COPD: broken $1');
    await box().waitFor({ timeout: 15000 });
    assert.match(await box().innerText(), /Not built: 1 error\b/);
    assert.match(await box().innerText(), /put the value in quotes|in quotes/);
    const height = (await box().boundingBox()).height;
    assert.ok(height <= 844 / 3 + 1, `the box is ${height} px high on an 844 px screen`);
    await page.screenshot({ path: join(SCREENSHOTS, 'preview-errors-390.png') });
    const violations = await axe(page);
    assert.equal(violations.length, 0, formatViolations('the preview error box', violations));
  });

  test('it folds to a bar, and stays folded through the next broken save', async () => {
    const toggle = box().getByRole('button', { name: 'Hide errors' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await toggle.click();
    const shown = box().getByRole('button', { name: 'Show errors' });
    assert.equal(await shown.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('#signpost-overlay-errors').isVisible(), false);
    const bar = (await box().boundingBox()).height;
    assert.ok(bar <= 80, `the folded bar is ${bar} px high`);
    // Another broken save, in another file: two errors now, and still folded.
    edit(/^title: (.*)$/m, 'title: Inhalers: broken $1', OTHER);
    await page.waitForFunction(() => /Not built: 2 errors/.test(document.querySelector('#signpost-overlay')?.textContent || ''), null, { timeout: 15000 });
    assert.equal(await page.locator('#signpost-overlay-errors').isVisible(), false);
    await shown.click();
    assert.equal(await page.locator('#signpost-overlay-errors').isVisible(), true);
  });

  test('a misspelt key, broken links and an image without alt text come in one round, four errors on screen', async () => {
    writeFileSync(join(dir, OTHER), readFileSync(join(REPO, OTHER), 'utf8'));
    writeFileSync(join(dir, GUIDELINE), readFileSync(join(REPO, GUIDELINE), 'utf8').replace(/^tags:/m, 'tgas:')
      .replace(/^## Who to suspect$/m, '## Who to suspect\n\nSee [gone](missing.md) and [nothing](/no/such/page/).\n\n![](/static/favicon.svg)\n'));
    await page.waitForFunction(() => /Not built: 4 errors/.test(document.querySelector('#signpost-overlay')?.textContent || ''), null, { timeout: 15000 });
    const items = box().locator('#signpost-overlay-errors li');
    assert.equal(await items.count(), 4);
    const texts = await items.allInnerTexts();
    for (const text of texts) assert.match(text, /^content\/guidelines\/copd\.md:\d+:\d+ /, 'file:line first');
    assert.match(texts.join('\n'), /tgas/);
    assert.match(texts.join('\n'), /missing\.md/);
    assert.match(texts.join('\n'), /no\/such\/page/);
    assert.match(texts.join('\n'), /alt/);
    const frame = await box().boundingBox();
    assert.ok(frame.height <= 844 / 3 + 1, `the box is ${frame.height} px high`);
    for (let i = 0; i < 4; i++) {
      const item = await items.nth(i).boundingBox();
      assert.ok(item.y >= frame.y && item.y + item.height <= frame.y + frame.height + 1,
        `error ${i + 1} (${item.y}–${item.y + item.height}) is not inside the box (${frame.y}–${frame.y + frame.height}) without scrolling`);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'preview-four-errors-390.png') });
    const violations = await axe(page);
    assert.equal(violations.length, 0, formatViolations('the preview error box with four errors', violations));
  });

  test('fixing the file removes the box and shows the new page', async () => {
    writeFileSync(join(dir, OTHER), readFileSync(join(REPO, OTHER), 'utf8'));
    writeFileSync(join(dir, GUIDELINE), readFileSync(join(REPO, GUIDELINE), 'utf8').replace(/^title: .*$/m, 'title: "COPD, edited"'));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('edited'), null, { timeout: 15000 });
    assert.equal(await box().count(), 0);
  });
});
