// Several phones (issue 19): a service with three numbers lists each as a
// tel: link with its label on its page (axe clean, at a phone's width and a
// desk's, no sideways scrolling), search finds it by a number that is not
// its first and its result dials the first, and the list's "Copy as text"
// gives one "Phone:" line a number.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, formatViolations, open, site } from '../helper.mjs';

const ID = 'talking-therapies-dorset';
const PATH = `/services/${ID}/`;
/** Label, number and link, as content/services/community-support.yaml has them. */
const NUMBERS = [
  ['', '01632 960402', 'tel:+441632960402'],
  ['Text relay', '18001 01632 960402', 'tel:1800101632960402'],
  ['Text to book or change an appointment', '07700 900499', 'tel:+447700900499'],
];
const shown = ([label, number]) => (label ? `${label}: ${number}` : number);

describe('several phones', () => {
  for (const width of [390, 1280]) {
    test(`the service page lists each number with its label at ${width} px, axe clean`, async () => {
      const s = await site();
      const context = await s.newContext({ viewport: { width, height: 900 } });
      try {
        const page = await context.newPage();
        await open(PATH, { page });
        const items = page.locator('.service-contact .phone-list li');
        assert.deepEqual(await items.allInnerTexts(), NUMBERS.map(shown));
        const hrefs = await items.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
        assert.deepEqual(hrefs, NUMBERS.map((n) => n[2]));
        const violations = await axe(page);
        assert.equal(violations.length, 0, formatViolations(PATH, violations));
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        assert.equal(sideways, false, 'no sideways scrolling');
      } finally {
        await context.close();
      }
    });
  }

  test('search finds the service by its third number; the result dials its first', async () => {
    const { page } = await site();
    await page.goto((await site()).url('/search/?q=' + encodeURIComponent('07700 900499')));
    await page.waitForFunction(() => {
      const text = document.getElementById('search-status').textContent;
      return text && !text.startsWith('Searching');
    }, null, { timeout: 15000 });
    const first = page.locator('#search-results > li.search-result').first();
    assert.equal(new URL(await first.locator('.result-title a').getAttribute('href'), page.url()).pathname, PATH);
    const phone = first.locator('a.result-phone');
    assert.equal(await phone.innerText(), NUMBERS[0][1]);
    assert.equal(await phone.getAttribute('href'), NUMBERS[0][2]);
  });

  test('the list copies as text with one Phone line a number', async () => {
    const s = await site();
    const context = await s.newContext();
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.origin });
      const page = await context.newPage();
      await page.goto(s.url(`/services/shortlist/?ids=${ID}`));
      await page.waitForFunction(() => document.querySelectorAll('.shortlist-item').length === 1);
      await page.getByRole('button', { name: 'Copy as text' }).click();
      await page.locator('[data-shortlist-status]', { hasText: 'Copied the list as text' }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const phones = copied.split('\n').filter((line) => line.startsWith('Phone: '));
      assert.deepEqual(phones, NUMBERS.map((n) => `Phone: ${shown(n)}`), copied);
    } finally {
      await context.close();
    }
  });
});
