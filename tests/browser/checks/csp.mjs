// The Content Security Policy: every page type of the example site (and the
// search, shortlist and drafts pages), with its scripts running and a little
// use, raises no `securitypolicyviolation` event and logs no console error.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGES, site } from '../helper.mjs';

/** Pages beyond PAGES that run scripts of their own. */
const MORE = [
  { path: '/search/?q=copd' },
  { path: '/search/?q=warm+homes' },
  { path: '/services/shortlist/' },
];

/** Records violations and errors from before the first script runs. */
function watch(context) {
  return context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
}

describe('content security policy', () => {
  test('no page type breaks the policy or logs an error', async () => {
    const s = await site();
    // A context of its own, without bypassCSP, so the policy is enforced.
    const context = await s.newContext();
    await watch(context);
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => {
      // The not-found page is itself a 404, which Chromium logs as an error.
      const the404 = m.location().url === page.url() && /status of 404/.test(m.text()) && /no-such-page/.test(page.url());
      if (m.type() === 'error' && !the404) problems.push(`${page.url()}: console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
    const visits = [...Object.values(PAGES), ...MORE];
    try {
      for (const { path, drafts, status } of visits) {
        const response = await page.goto(s.url(path, !!drafts), { waitUntil: 'networkidle' });
        assert.equal(response.status(), status || 200, path);
        const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
        assert.match(policy || '', /script-src 'self'; style-src 'self'/, `${path}: no policy`);
        // Use what scripts add: the shortlist buttons, filters, search results.
        const add = page.locator('.list-add button').first();
        if (await add.count()) await add.click();
        const filter = page.locator('.filters input[type="checkbox"]').first();
        if (await filter.count() && await filter.isVisible()) await filter.check();
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
        await page.waitForTimeout(50);
        for (const v of await page.evaluate(() => window.__violations)) problems.push(`${path}: ${v}`);
      }
    } finally {
      await page.close();
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
