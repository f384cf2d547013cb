// "Feedback on this guideline": a mailto link at the end of a guideline that
// works without JavaScript, gains the reader's section with it, and is not
// printed.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, site } from '../helper.mjs';

/** The link's href after a click (the click itself does not navigate). */
async function hrefAfterClick(page) {
  return page.evaluate(() => {
    const link = document.querySelector('a[data-feedback]');
    link.addEventListener('click', (e) => e.preventDefault());
    link.click();
    return link.getAttribute('href');
  });
}

describe('feedback link', () => {
  test('the site address, with the section the reader was in', async () => {
    const page = await open('/guidelines/copd/');
    const link = page.locator('a[data-feedback]');
    assert.equal(await link.textContent(), 'Feedback on this guideline');
    const plain = await link.getAttribute('href');
    assert.ok(plain.startsWith('mailto:respiratory.guidelines@example.org?subject='), plain);
    const body = decodeURIComponent(plain.split('&body=')[1]);
    assert.match(body, /^Guideline: COPD: diagnosis and management in primary care \(version 4\.1\)\r\nPage: http:\/\/127\.0\.0\.1:\d+\/guidelines\/copd\/$/);

    // Scroll a heading to just under the sticky bar's lower edge: that is the section.
    const heading = page.locator('.prose h2[id]').nth(1);
    const id = await heading.getAttribute('id');
    const text = (await heading.textContent()).trim();
    await heading.evaluate((h) => {
      const bar = document.querySelector('.guideline-bar').getBoundingClientRect().height;
      window.scrollTo(0, window.scrollY + h.getBoundingClientRect().top - bar + 4);
    });
    const withSection = decodeURIComponent((await hrefAfterClick(page)).split('&body=')[1]);
    assert.ok(withSection.endsWith(`\r\nSection: ${text} (${page.url().split('#')[0]}#${id})`), withSection);

    // At the top, above every heading: the page's address only.
    await page.evaluate(() => window.scrollTo(0, 0));
    assert.equal(await hrefAfterClick(page), plain);
  });

  test("a guideline's own address wins", async () => {
    const page = await open('/guidelines/inhalers/');
    const href = await page.locator('a[data-feedback]').getAttribute('href');
    assert.ok(href.startsWith('mailto:medicines.optimisation@example.org?'), href);
  });

  test('not printed', async () => {
    const page = await open('/guidelines/copd/');
    await page.emulateMedia({ media: 'print' });
    try {
      assert.equal(await page.locator('.feedback-link').isVisible(), false);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  test('works without JavaScript', async () => {
    const s = await site();
    const context = await s.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(s.url('/guidelines/copd/'));
      const href = await page.locator('a[data-feedback]').getAttribute('href');
      assert.ok(href.startsWith('mailto:respiratory.guidelines@example.org?subject='), href);
    } finally {
      await context.close();
    }
  });
});
