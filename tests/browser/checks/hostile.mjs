// Hostile text in every field of a fixture site, searched in a real browser:
// nothing an author wrote may come out of a search result as a live element
// or run as script (the page draws results as text nodes and <mark>s).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO, serveSite, site } from '../helper.mjs';

describe('hostile content', () => {
  test('search results show hostile strings as text, never as elements or script', async () => {
    const origin = await serveSite(join(REPO, 'tests', 'fixtures', 'hostile'));
    const s = await site();
    const context = await s.newContext();
    const page = await context.newPage();
    let dialogs = 0;
    page.on('dialog', async (dialog) => { dialogs += 1; await dialog.dismiss(); });
    for (const query of ['alert', 'script', 'onerror', 'img']) {
      await page.goto(`${origin}/search/?q=${query}`);
      await page.waitForFunction(() => {
        const text = document.getElementById('search-status').textContent;
        return text && !text.startsWith('Searching');
      });
      const found = await page.locator('#search-results .search-result').count();
      assert.ok(found > 0, `“${query}” finds the hostile pages`);
      const live = await page.locator('#search-results img, #search-results script, #search-results iframe, #search-results [onerror], #search-results [onclick]').count();
      assert.equal(live, 0, `no live element from content in the results for “${query}”`);
      assert.match(await page.innerText('#search-results'), /<script>|alert\(/, 'the strings are shown as text');
    }
    assert.equal(dialogs, 0, 'no script from content ran');
    await context.close();
  });
});
