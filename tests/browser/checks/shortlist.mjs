// The shortlist and handout (issue 11, point 2): "Add to list" on service
// cards, the list page in the order added, reordering and removing, the
// printed one-page handout with QR codes, copying as text, and reopening the
// list from its link on "another machine" (a new browser context, with no
// storage). Also: the control is absent without JavaScript, and the list page
// is axe-clean at 1280 and 390 px.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS, axe, formatViolations, open, site } from '../helper.mjs';

const SHORTLIST = '/services/shortlist/';
// Added in this order from the services list.
const CHOSEN = [
  { id: 'warm-homes-advice', name: 'Warm Homes Advice Line', phone: '0808 157 0010' },
  { id: 'benefits-advice-dorset', name: 'Benefits advice and form-filling help', phone: '0808 157 0020' },
  { id: 'pulmonary-rehab-weymouth', name: 'Pulmonary rehabilitation, Weymouth and Portland', phone: '01632 960101' },
];

/** The services' names as the list page shows them, in order. */
const listed = (page) => page.locator('.shortlist-item .handout-name').allInnerTexts();

/** Waits for the list page to have drawn `n` items. */
async function drawn(page, n) {
  await page.locator('[data-shortlist-app]:not([hidden])').waitFor();
  await page.waitForFunction((count) => document.querySelectorAll('.shortlist-item').length === count, n);
}

describe('shortlist and handout', () => {
  let context;
  let page;
  before(async () => {
    const s = await site();
    context = await s.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.origin });
    page = await context.newPage();
  });
  after(async () => { if (context) await context.close(); });

  test('add three services from the services list: labels, the header count, an announcement', async () => {
    await open('/services/', { page });
    await page.locator('html.list-ready').waitFor({ state: 'attached' });
    assert.equal(await page.locator('.list-link').isVisible(), false, 'no list link while the list is empty');
    for (const [i, s] of CHOSEN.entries()) {
      const button = page.locator(`.service-card button[data-list="${s.id}"]`);
      assert.equal(await button.getAttribute('aria-label'), `Add to list: ${s.name}`);
      await button.click();
      assert.equal(await button.innerText(), 'Remove from list');
      assert.equal(await button.getAttribute('aria-label'), `Remove from list: ${s.name}`);
      assert.equal(await page.locator('[data-list-count]').innerText(), String(i + 1));
      assert.match(await page.locator('p[role="status"]').last().innerText(), new RegExp(`Added ${s.name}\\. ${i + 1} services? on your list`));
    }
    assert.equal(await page.locator('.list-link').isVisible(), true);
    // Another page sees the same list: the service page's own button is pressed.
    await open(`/services/${CHOSEN[0].id}/`, { page });
    assert.equal(await page.locator('.page-header button.list-add').innerText(), 'Remove from list');
    // Every page links to the list, even one without services or their script.
    await open('/about/', { page });
    assert.equal(await page.locator('.list-link a').innerText(), 'Your list (3)');
  });

  test('the list page shows them in the order added, each with its details and a QR code', async () => {
    await page.locator('.list-link a').click();
    await drawn(page, 3);
    assert.equal(new URL(page.url()).pathname, SHORTLIST);
    assert.deepEqual(await listed(page), CHOSEN.map((s) => s.name));
    const first = page.locator('.shortlist-item').first();
    const text = await first.innerText();
    assert.match(text, /0808 157 0010/);
    assert.match(text, /Opening hours\s+Monday to Friday/);
    assert.match(text, /Website/);
    // Contact details are links a phone or a mail program opens (issue 21, point 6).
    assert.equal(await first.getByRole('link', { name: '0808 157 0010' }).getAttribute('href'), 'tel:+448081570010');
    assert.match(await first.locator('[data-text=Email] a').getAttribute('href'), /^mailto:[^@\s]+@[^@\s]+$/);
    assert.match(await first.locator('[data-text=Website] a').getAttribute('href'), /^https?:\/\//);
    // A description too long for the handout stops at a clause, and says it was cut.
    assert.equal(await first.locator('.handout-summary').innerText(),
      'Free, impartial advice on keeping warm for less: understanding energy bills and tariffs, using heating controls and storage heaters, getting onto the Priority Services Register…');
    assert.equal(await page.locator('.shortlist-item svg.qr').count(), 3);
    await page.screenshot({ path: join(SCREENSHOTS, 'shortlist-1280.png'), fullPage: true });
  });

  test('reorder: "Move down" on the first moves it, and keeps focus on it', async () => {
    await page.getByRole('button', { name: `Move down: ${CHOSEN[0].name}` }).click();
    await page.waitForFunction((name) => document.querySelectorAll('.shortlist-item .handout-name')[1]?.textContent.trim() === name, CHOSEN[0].name);
    assert.deepEqual(await listed(page), [CHOSEN[1].name, CHOSEN[0].name, CHOSEN[2].name]);
    const focused = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    assert.equal(focused, `Move down: ${CHOSEN[0].name}`);
    assert.match(await page.locator('[data-shortlist-status]').innerText(), /Moved Warm Homes Advice Line to number 2 of 3/);
    // And back up with the keyboard.
    await page.getByRole('button', { name: `Move up: ${CHOSEN[0].name}` }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((name) => document.querySelector('.shortlist-item .handout-name')?.textContent.trim() === name, CHOSEN[0].name);
    // Finally: benefits, warm homes, rehab.
    await page.getByRole('button', { name: `Move up: ${CHOSEN[1].name}` }).click();
    await page.waitForFunction((name) => document.querySelector('.shortlist-item .handout-name')?.textContent.trim() === name, CHOSEN[1].name);
    assert.deepEqual(await listed(page), [CHOSEN[1].name, CHOSEN[0].name, CHOSEN[2].name]);
  });

  test('prints as a one-page handout: title, date, each service with phone and hours, no controls', async () => {
    const s = await site();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.shortlist-item svg.qr').first().isVisible(), true, 'QR codes print');
    const file = join(s.tmp, 'handout.pdf');
    writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
    await page.emulateMedia({ media: 'screen' });
    // A picture of the printed page, to look at.
    execFileSync('pdftoppm', ['-png', '-r', '70', '-singlefile', file, join(SCREENSHOTS, 'shortlist-handout')]);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
    assert.equal(pages, 1, `the handout takes ${pages} pages`);
    const siteTitle = await page.locator('.site-title').innerText();
    assert.ok(text.includes('Services to contact'), text);
    assert.ok(text.includes(`From ${siteTitle}`), `site title in: ${text}`);
    const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
    assert.ok(text.includes(today), `today's date (${today}) in: ${text}`);
    let at = -1;
    for (const svc of [CHOSEN[1], CHOSEN[0], CHOSEN[2]]) {
      const here = text.indexOf(svc.name);
      assert.ok(here > at, `${svc.name} after the one before it in: ${text}`);
      at = here;
      assert.ok(text.includes(svc.phone), `${svc.phone} in: ${text}`);
    }
    assert.match(text, /Monday to Friday/);
    assert.match(text, /Scan for this service online/);
    for (const control of ['Move up', 'Remove', 'Copy as text', 'Print handout', 'Your list of services', 'Add to list']) {
      assert.ok(!text.includes(control), `"${control}" is not printed`);
    }
  });

  test('copies as plain text: short, in list order, no markup', async () => {
    await page.getByRole('button', { name: 'Copy as text' }).click();
    await page.locator('[data-shortlist-status]', { hasText: 'Copied the list as text' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const lines = copied.split('\n');
    assert.match(lines[0], /^Services to contact, from .+ \(\d{1,2} \w+ \d{4}\)$/);
    assert.equal(lines[2], `1. ${CHOSEN[1].name}`);
    assert.ok(copied.indexOf(CHOSEN[1].name) < copied.indexOf(CHOSEN[0].name));
    assert.ok(copied.indexOf(CHOSEN[0].name) < copied.indexOf(CHOSEN[2].name));
    assert.ok(copied.includes(`Phone: ${CHOSEN[0].phone}`), copied);
    assert.match(copied, /Open: Monday to Friday/);
    const s = await site();
    assert.ok(copied.includes(`${s.origin}/services/${CHOSEN[2].id}/`), copied);
    assert.doesNotMatch(copied, /[<>]/);
    assert.ok(copied.length < 900, `${copied.length} characters`);
  });

  test('reopens from its link on another machine, in the same order', async () => {
    await page.getByRole('button', { name: 'Copy link to this list' }).click();
    await page.locator('[data-shortlist-status]', { hasText: 'Copied the link' }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const s = await site();
    const order = [CHOSEN[1], CHOSEN[0], CHOSEN[2]];
    assert.equal(link, `${s.origin}${SHORTLIST}?ids=${order.map((c) => c.id).join(',')}`);
    assert.equal(await page.locator('[data-shortlist-link]').getAttribute('href'), link);

    const elsewhere = await s.newContext();
    try {
      const other = await elsewhere.newPage();
      await other.goto(link);
      await drawn(other, 3);
      assert.deepEqual(await listed(other), order.map((c) => c.name));
      // A fresh browser had no list: nothing was replaced, so nothing to say or undo.
      assert.equal((await other.locator('[data-shortlist-status]').innerText()).trim(), '');
      assert.equal(await other.locator('[data-shortlist-status] button').count(), 0);
      assert.equal(new URL(other.url()).search, '', 'the ids leave the address once opened');
      assert.equal(await other.locator('[data-list-count]').innerText(), '3');
      // It is now that machine's list: a reload keeps it.
      await other.reload();
      await drawn(other, 3);
      assert.deepEqual(await listed(other), order.map((c) => c.name));
      // A link to another list does replace this one: that is said, and can be undone.
      await other.goto(`${s.origin}${SHORTLIST}?ids=${CHOSEN[2].id}`);
      await drawn(other, 1);
      const status = other.locator('[data-shortlist-status]');
      assert.match(await status.innerText(), /Opened the list from the link, in place of your list of 3\./);
      await status.getByRole('button', { name: 'Undo' }).click();
      await drawn(other, 3);
      assert.deepEqual(await listed(other), order.map((c) => c.name));
    } finally {
      await elsewhere.close();
    }
  });

  test('remove one, then undo', async () => {
    await page.getByRole('button', { name: `Remove: ${CHOSEN[0].name}` }).click();
    await drawn(page, 2);
    assert.match(await page.locator('[data-shortlist-status]').innerText(), /Removed Warm Homes Advice Line\. 2 services on your list/);
    assert.equal(await page.locator('[data-list-count]').innerText(), '2');
    await page.locator('[data-shortlist-status] button', { hasText: 'Undo' }).click();
    await drawn(page, 3);
    assert.deepEqual(await listed(page), [CHOSEN[1].name, CHOSEN[0].name, CHOSEN[2].name]);
  });

  for (const width of [1280, 390]) {
    test(`the list page at ${width} px: axe clean, no sideways scroll`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.reload();
      await drawn(page, 3);
      const violations = await axe(page);
      assert.equal(violations.length, 0, formatViolations(`${SHORTLIST} at ${width}`, violations));
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(wide, false, 'no horizontal scroll');
      if (width === 390) await page.screenshot({ path: join(SCREENSHOTS, 'shortlist-390.png'), fullPage: true });
    });
  }

  test('a link naming a service the site no longer has says so', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const s = await site();
    await page.goto(s.url(`${SHORTLIST}?ids=warm-homes-advice,no-such-service`));
    await drawn(page, 2);
    assert.match(await page.locator('.shortlist-item').nth(1).innerText(), /“no-such-service” could not be found on this site/);
    assert.match(await page.locator('[data-shortlist-status]').innerText(), /in place of your list of 3/);
  });

  test('search results for services have "Add to list" too', async () => {
    await open('/search/?q=warm+homes', { page });
    const button = page.locator(`.search-result button[data-list="warm-homes-advice"]`);
    await button.waitFor();
    assert.equal(await button.innerText(), 'Remove from list', 'already on the list from the link above');
  });
});

describe('shortlist without JavaScript', () => {
  test('no "Add to list" control, and the list page says how to print instead', async () => {
    const s = await site();
    const context = await s.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await open('/services/', { page });
      assert.equal(await page.locator('.list-add').count() > 0, true, 'the buttons are in the HTML');
      assert.equal(await page.locator('.list-add:visible').count(), 0, 'but none shows');
      const gap = await page.locator('.list-add').first().evaluate((el) => el.getBoundingClientRect().height);
      assert.equal(gap, 0, 'and they take no space');
      await open(SHORTLIST, { page });
      assert.match(await page.locator('main').innerText(), /The list needs JavaScript/);
      // A service page still prints as a card, with its QR code.
      await open(`/services/${CHOSEN[0].id}/`, { page });
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.print-source svg.qr').isVisible(), true);
      assert.equal(await page.locator('.list-add').isVisible(), false);
    } finally {
      await context.close();
    }
  });

  test('with the site\'s scripts refused, no control that does nothing is shown', async () => {
    const s = await site();
    const context = await s.newContext();
    try {
      await context.route(/\.js(\?|$)/, (route) => route.abort());
      const page = await context.newPage();
      await open('/services/', { page });
      assert.equal(await page.locator('.list-add:visible').count(), 0);
    } finally {
      await context.close();
    }
  });
});
