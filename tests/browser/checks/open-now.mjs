// "Open now": the line open-now.js draws from a page's data-hours, under a
// fixed clock (Playwright's page.clock), on a service page, the services list
// and search results; its space kept before it is filled; nothing announced;
// and with JavaScript off, the hours in words still there and no empty line.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO, axe, formatViolations, open, site } from '../helper.mjs';

const { openStatus } = createRequire(import.meta.url)(join(REPO, 'themes/default/static/js/open-now.js'));

// Tuesday 1 December 2026, 10:00 in the UK (GMT).
const TUESDAY_10 = new Date('2026-12-01T10:00:00Z');
// The same day at 13:00.
const TUESDAY_13 = new Date('2026-12-01T13:00:00Z');
// Open Tuesday and Friday, 10am to 12:30pm.
const REHAB = '/services/pulmonary-rehab-weymouth/';

/** A page in a new context whose clock stands still at `time`. */
async function pageAt(time, options = {}) {
  const s = await site();
  const context = await s.newContext(options);
  const page = await context.newPage();
  if (time) await page.clock.setFixedTime(time);
  return { context, page };
}

const statusText = (page, selector = '.open-now[data-hours] .open-now-status') =>
  page.locator(selector).first().evaluate((el) => el.textContent.trim());

describe('open now', () => {
  let context;
  let page;
  before(async () => ({ context, page } = await pageAt(TUESDAY_10)));
  after(async () => { if (context) await context.close(); });

  test(`${REHAB} at Tuesday 10:00: "Open now, until 12:30"`, async () => {
    await open(REHAB, { page });
    assert.equal(await statusText(page), 'Open now, until 12:30');
    assert.equal(await page.locator('.open-now[data-hours]').getAttribute('data-state'), 'open');
    // The hours in words and what it does on bank holidays are there too.
    const contact = await page.locator('.service-contact').innerText();
    assert.match(contact, /Tuesday and Friday:\s*10am to 12:30pm/);
    assert.match(contact, /Usually closed on bank holidays/);
  });

  test(`${REHAB} at Tuesday 13:00: "Closed, opens Friday at 10:00"`, async () => {
    const later = await pageAt(TUESDAY_13);
    try {
      await open(REHAB, { page: later.page });
      assert.equal(await statusText(later.page), 'Closed, opens Friday at 10:00');
    } finally {
      await later.context.close();
    }
  });

  test('the line is not announced: no live region holds it', async () => {
    for (const path of [REHAB, '/services/']) {
      await open(path, { page });
      const live = await page.locator('.open-now').evaluateAll((els) =>
        els.filter((el) => el.closest('[aria-live], [role="status"], [role="alert"]')).length);
      assert.equal(live, 0, `${path}: an open-now line sits in a live region`);
    }
  });

  test('/services/: every card with hours says what the script says for that instant', async () => {
    await open('/services/', { page });
    const cards = await page.locator('#service-list .service-card').evaluateAll((els) => els.map((card) => {
      const line = card.querySelector('.open-now');
      return {
        name: card.querySelector('.card-title').textContent.trim(),
        closed: !!card.querySelector('.flag-closed'),
        hours: line && line.getAttribute('data-hours'),
        text: line && (line.querySelector('.open-now-status') || line).textContent.trim(),
        note: line && line.querySelector('.open-now-note') ? line.querySelector('.open-now-note').textContent.trim() : '',
      };
    }));
    const withHours = cards.filter((c) => c.hours);
    assert.ok(withHours.length >= 10, `only ${withHours.length} cards carry hours`);
    assert.ok(withHours.some((c) => c.text.startsWith('Open now')) && withHours.some((c) => c.text.startsWith('Closed')),
      'at Tuesday 10:00 the example site has services open and services closed');
    for (const c of cards) {
      if (c.closed) {
        assert.equal(c.hours, null, `${c.name}: temporarily closed, yet an open-now line`);
      } else if (c.hours) {
        assert.equal(c.text, openStatus(c.hours, TUESDAY_10).text, c.name);
        assert.equal(c.note, 'Bank holiday hours may differ', c.name);
      } else {
        assert.equal(c.text, 'Opening hours not listed', c.name);
      }
    }
  });

  test('the status line keeps its space: filling it moves nothing (1280 and 390 px)', async () => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of [REHAB, '/services/']) {
        await open(path, { page });
        const heights = await page.locator('.open-now[data-hours]').evaluateAll((els) => els.map((el) => {
          const line = el.querySelector('.open-now-status');
          const filled = el.getBoundingClientRect().height;
          const text = line.innerHTML;
          line.textContent = '';
          const empty = el.getBoundingClientRect().height;
          line.innerHTML = text;
          return { filled, empty, text: line.textContent };
        }));
        assert.ok(heights.length > 0, `${path}: no open-now line`);
        for (const h of heights) assert.equal(h.filled, h.empty, `${path} at ${width} px: "${h.text}" is ${h.filled} px high, ${h.empty} px empty`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('a service page with its line filled is axe clean at 1280 and 390 px', async () => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await open(REHAB, { page });
      assert.equal(await statusText(page), 'Open now, until 12:30');
      const violations = await axe(page);
      assert.equal(violations.length, 0, formatViolations(`${REHAB} at ${width} px`, violations));
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('search results for a service say whether it is open', async () => {
    const s = await site();
    await page.goto(s.url('/search/?q=' + encodeURIComponent('pulmonary rehabilitation weymouth')));
    const result = page.locator('#search-results > li.search-result', { has: page.locator(`a[href$="${REHAB}"]`) });
    await result.waitFor({ timeout: 15000 });
    assert.equal(await result.locator('.open-now-status').innerText(), 'Open now, until 12:30');
    assert.equal(await result.locator('.open-now-note').innerText(), 'Bank holiday hours may differ');
  });

  test('a search result for a service without hours says so', async () => {
    const s = await site();
    await page.goto(s.url('/search/?q=' + encodeURIComponent('prescription costs')));
    const result = page.locator('#search-results > li.search-result', { has: page.locator('a[href$="/services/prescription-costs-advice/"]') });
    await result.waitFor({ timeout: 15000 });
    assert.equal(await result.locator('.open-now').innerText(), 'Opening hours not listed');
  });
});

describe('open now without JavaScript', () => {
  let context;
  let page;
  before(async () => ({ context, page } = await pageAt(null, { javaScriptEnabled: false })));
  after(async () => { if (context) await context.close(); });

  test(`${REHAB}: the hours in words, the caveat, and no empty status line`, async () => {
    await open(REHAB, { page });
    const contact = await page.locator('.service-contact').innerText();
    assert.match(contact, /Opening hours\s+Tuesday and Friday:\s*10am to 12:30pm/);
    assert.match(contact, /Usually closed on bank holidays/);
    assert.equal(await page.locator('.open-now[data-hours]').isVisible(), false, 'the status line needs the script: hidden without it');
  });

  test('/services/: no empty status lines; services without hours say so', async () => {
    await open('/services/', { page });
    const visible = await page.locator('.open-now[data-hours]').evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0).length);
    assert.equal(visible, 0);
    assert.ok(await page.locator('.open-now-unknown', { hasText: 'Opening hours not listed' }).count() > 0);
  });
});
