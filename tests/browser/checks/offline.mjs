// Offline after the first visit (issue 22, point 1; docs/offline.md): the
// site's service worker keeps what a reader opened, says when a page is a
// saved copy and from when, shows the offline page for what it never kept,
// keeps a guideline's linked pages on request, lets search work from the
// files it kept, replaces a copy once the site changed, and stays within
// its budget. Each test site is a copy of the example site served on its
// own origin (a worker is per origin), in a context that allows workers.
//
// Offline is both `context.setOffline(true)` and the server dropping every
// connection: Chromium keeps the emulated network state for pages, but the
// service worker's own fetches reach the network again after its first
// offline navigation (seen with playwright-core 1.65), which would let a
// test pass on a live page instead of a saved copy.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, axe, formatViolations, screenshotPath, serveCopy, site } from '../helper.mjs';

const COPD = '/guidelines/copd/';
const COPD_TITLE = 'COPD: diagnosis and management in primary care';
const BANNER = /^You are offline\. This copy was saved on \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} at \d\d:\d\d\.$/;

/** A context that lets the worker run, and its page. */
async function workerPage(options = {}) {
  const s = await site();
  const context = await s.newContext({ serviceWorkers: 'allow', ...options });
  const page = await context.newPage();
  return { context, page };
}

/** Opens `url` online and waits until the worker controls the page and has
 *  kept it (the first page is kept once the worker runs). */
async function visit(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15000 });
  for (let tries = 0; !(await isKept(page, url)); tries++) {
    if (tries > 100) throw new Error(`${url} was not kept`);
    await page.waitForTimeout(100);
  }
}

async function isKept(page, url) {
  return page.evaluate(async (u) => !!(await (await caches.open('signpost-kept')).match(u)), url);
}

/** The URLs the worker keeps, as paths. */
async function keptPaths(page) {
  return page.evaluate(async () => (await (await caches.open('signpost-kept')).keys()).map((r) => new URL(r.url).pathname));
}

/** Waits until offline-ui.js has run on a guideline (it shows "Keep this
 *  offline"), so that "no banner" is an answer, not a page not ready yet. */
async function uiRan(page) {
  await page.locator('[data-offline-keep] button').waitFor({ timeout: 15000 });
}

/** Cuts (or restores) the network both in the browser and at the server. */
async function setOffline(context, copy, on) {
  copy.setOffline(on);
  await context.setOffline(on);
}

async function assertAxeClean(page, where) {
  const violations = await axe(page);
  assert.deepEqual(violations, [], formatViolations(where, violations));
}

describe('offline', () => {
  let copy;
  let context;
  let page;
  before(async () => {
    copy = await serveCopy('offline');
    ({ context, page } = await workerPage());
  });
  after(async () => { if (context) await context.close(); });

  test('a visited guideline reloads offline, with the time it was saved, and its review state as at today', async () => {
    await visit(page, copy.origin + COPD);
    await uiRan(page);
    assert.equal(await page.locator('.offline-banner').count(), 0, 'online, no banner');
    await setOffline(context, copy, true);
    try {
      // Two years on, past its review date (1 Mar 2028): the saved copy must not say "Approved".
      await page.clock.setFixedTime(new Date('2028-03-05T10:00:00'));
      await page.reload({ waitUntil: 'load' });
      assert.equal((await page.locator('h1').textContent()).trim(), COPD_TITLE);
      const banner = page.locator('main .offline-banner[role="status"]');
      assert.match((await banner.textContent()).trim(), BANNER);
      assert.equal((await page.locator('.guideline-bar .badge').textContent()).trim(), 'Review overdue');
      await page.screenshot({ path: screenshotPath('offline-banner.png') });
      await assertAxeClean(page, `${COPD} offline`);
    } finally {
      await setOffline(context, copy, false);
    }
  });

  test('a page never opened shows the offline page, which lists the saved pages', async () => {
    await setOffline(context, copy, true);
    try {
      const response = await page.goto(copy.origin + '/guidelines/inhalers/', { waitUntil: 'load' });
      assert.equal(response.status(), 200);
      assert.equal((await page.locator('h1').textContent()).trim(), 'Not available offline');
      const saved = page.locator('[data-offline-list] ul a');
      await saved.first().waitFor();
      const titles = await saved.allTextContents();
      assert.ok(titles.some((t) => t.startsWith(COPD_TITLE)), `the saved COPD guideline is listed: ${titles.join(' | ')}`);
      assert.ok(!titles.some((t) => t.startsWith('Inhaler')), `an unsaved page is not listed: ${titles.join(' | ')}`);
      await page.screenshot({ path: screenshotPath('offline-page.png') });
      await assertAxeClean(page, 'the offline page');
    } finally {
      await setOffline(context, copy, false);
    }
  });

  test('"Keep this offline" keeps the guideline\'s related services and the pages its pathway links to', async () => {
    await page.goto(copy.origin + COPD, { waitUntil: 'load' });
    const keep = page.locator('[data-offline-keep]');
    await keep.locator('button').click();
    await page.waitForFunction(() => /^Kept for offline use/.test(document.querySelector('[data-offline-keep] [role=status]').textContent), null, { timeout: 20000 });
    await setOffline(context, copy, true);
    try {
      // A related service and the breathlessness guideline (a pathway link), never opened.
      await page.goto(copy.origin + '/services/pulmonary-rehab-poole/', { waitUntil: 'load' });
      assert.match(await page.locator('h1').textContent(), /Pulmonary rehabilitation/i);
      assert.match((await page.locator('.offline-banner').textContent()).trim(), BANNER);
      await page.goto(copy.origin + '/guidelines/breathlessness/', { waitUntil: 'load' });
      assert.notEqual((await page.locator('h1').textContent()).trim(), 'Not available offline');
      assert.match((await page.locator('.offline-banner').textContent()).trim(), BANNER);
    } finally {
      await setOffline(context, copy, false);
    }
  });

  test('search offline finds what the kept index files hold', async () => {
    const results = 'main a[href*="/guidelines/copd/"]';
    await page.goto(copy.origin + '/search/?q=spirometry', { waitUntil: 'load' });
    await page.locator(results).first().waitFor({ timeout: 15000 });
    await setOffline(context, copy, true);
    try {
      await page.goto(copy.origin + '/search/?q=spirometry', { waitUntil: 'load' });
      await page.locator(results).first().waitFor({ timeout: 15000 });
      assert.ok(await page.locator(results).count() > 0);
      assert.match((await page.locator('.offline-banner').textContent()).trim(), BANNER, 'the search page, from the shell, says it too');
    } finally {
      await setOffline(context, copy, false);
    }
  });

  test('after a rebuild, back online: a polite note offers the new version, which then shows without the banner', async () => {
    await setOffline(context, copy, true);
    const file = join(copy.dir, 'content', 'guidelines', 'copd.md');
    const before = readFileSync(file, 'utf8');
    try {
      await page.goto(copy.origin + COPD, { waitUntil: 'load' });
      await page.locator('.offline-banner').waitFor();
      writeFileSync(file, before.replace(/\n## /, '\nNew advice from the December rebuild.\n\n## '));
      copy.rebuild();
      await setOffline(context, copy, false);
      const note = page.locator('.offline-banner');
      // offline.js asks every 10 s (Chromium fires no "online" event here).
      await note.locator('button').waitFor({ timeout: 25000 });
      assert.equal(await page.locator('main [aria-live="polite"], main [role="status"]').filter({ has: page.locator('button') }).count(), 1);
      assert.match(await note.textContent(), /changed since this copy was saved/);
      await note.locator('button').click();
      await page.waitForLoadState('load');
      await page.locator('text=New advice from the December rebuild.').waitFor();
      await uiRan(page);
      assert.equal(await page.locator('.offline-banner').count(), 0);
    } finally {
      writeFileSync(file, before);
      copy.rebuild();
      await setOffline(context, copy, false);
    }
  });

  test('the built site has its worker at /sw.js, with its settings', async () => {
    // (The preview's never having it is tested in tests/it/offline.rs.)
    const response = await page.request.get(copy.origin + '/sw.js');
    assert.equal(response.status(), 200);
    assert.match(await response.text(), /^var SIGNPOST = \{"version":"[0-9a-f]{16}","base":"\/","budget":26214400,/);
  });
});

describe('offline budget', () => {
  let copy;
  let context;
  let page;
  before(async () => {
    // 0.1 MB: two or three guideline pages.
    copy = await serveCopy('offline-budget', (text) => `${text}\noffline:\n  budget_mb: 0.1\n`);
    ({ context, page } = await workerPage());
  });
  after(async () => { if (context) await context.close(); });

  test('the least recently used pages go first once the kept ones pass the budget', async () => {
    const visited = ['/guidelines/copd/', '/guidelines/breathlessness/', '/guidelines/inhalers/', '/guidelines/asthma/adults/', '/guidelines/pulmonary-rehab-referral/'];
    for (const path of visited) await visit(page, copy.origin + path);
    // Over half the budget: never kept, so it cannot push the pages out.
    await page.goto(copy.origin + '/services.json', { waitUntil: 'load' });
    await page.goto(copy.origin + visited.at(-1), { waitUntil: 'load' });
    const kept = await keptPaths(page);
    assert.ok(!kept.includes('/services.json'), `services.json is not kept: ${kept.join(' ')}`);
    const bytes = await page.evaluate(async () => {
      const cache = await caches.open('signpost-kept');
      let n = 0;
      for (const r of await cache.keys()) n += (await (await cache.match(r)).arrayBuffer()).byteLength;
      return n;
    });
    assert.ok(bytes <= 0.1 * 1024 * 1024, `kept ${bytes} bytes, over the budget: ${kept.join(' ')}`);
    assert.ok(kept.includes(visited.at(-1)), `the last page is kept: ${kept.join(' ')}`);
    assert.ok(!kept.includes(visited[0]), `the first page was evicted: ${kept.join(' ')}`);
    await setOffline(context, copy, true);
    try {
      await page.goto(copy.origin + visited[0], { waitUntil: 'load' });
      assert.equal((await page.locator('h1').textContent()).trim(), 'Not available offline');
      await page.goto(copy.origin + visited.at(-1), { waitUntil: 'load' });
      assert.match((await page.locator('.offline-banner').textContent()).trim(), BANNER);
    } finally {
      await setOffline(context, copy, false);
    }
  });
});

describe('offline: hashed assets', () => {
  let copy;
  let context;
  let page;
  const css = (rgb) => `${readFileSync(join(REPO, 'themes/default/static/css/site.css'), 'utf8')}\nbody { border-top: 7px solid ${rgb}; }\n`;
  const border = () => page.evaluate(() => getComputedStyle(document.body).borderTopColor);
  before(async () => {
    copy = await serveCopy('offline-assets');
    // The site's own themes/default/ wins over the built-in theme, file by file.
    mkdirSync(join(copy.dir, 'themes/default/static/css'), { recursive: true });
    writeFileSync(join(copy.dir, 'themes/default/static/css/site.css'), css('rgb(1, 2, 3)'));
    copy.rebuild();
    ({ context, page } = await workerPage());
  });
  after(async () => { if (context) await context.close(); });

  test('a page kept before a rebuild that changed the stylesheet opens offline with its own build\'s stylesheet, and that goes once the page is replaced', async () => {
    await visit(page, copy.origin + COPD);
    assert.equal(await border(), 'rgb(1, 2, 3)');
    const oldSheet = await page.evaluate(() => new URL(document.querySelector('link[rel=stylesheet]').href).pathname);
    assert.match(oldSheet, /^\/static\/css\/site\.[0-9a-f]{16}\.css$/);
    writeFileSync(join(copy.dir, 'themes/default/static/css/site.css'), css('rgb(4, 5, 6)'));
    copy.rebuild();
    // The new build's worker installs and takes over; the old build's stylesheet is gone from the server.
    const version = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('signpost-shell-')).join());
    const oldVersion = await version();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForFunction((old) => caches.keys().then((k) => { const s = k.filter((n) => n.startsWith('signpost-shell-')); return s.length === 1 && s[0] !== old; }), oldVersion, { timeout: 15000, polling: 200 });
    assert.equal((await page.request.get(copy.origin + oldSheet)).status(), 404);
    await setOffline(context, copy, true);
    try {
      await page.reload({ waitUntil: 'load' });
      await page.locator('.offline-banner').waitFor();
      assert.equal(await border(), 'rgb(1, 2, 3)', 'the kept copy with its own stylesheet, not the new one nor none');
    } finally {
      await setOffline(context, copy, false);
    }
    await page.reload({ waitUntil: 'load' });
    assert.equal(await border(), 'rgb(4, 5, 6)', 'online: the new page with the new stylesheet');
    await page.waitForFunction(async (sheet) => {
      const kept = await (await caches.open('signpost-assets')).keys();
      return !kept.some((r) => new URL(r.url).pathname === sheet);
    }, oldSheet, { timeout: 10000, polling: 200 });
  });
});

describe('offline cost in bytes (the example site)', () => {
  test('a first visit and an offline session', async (t) => {
    const copy = await serveCopy('offline-cost');
    const { context, page } = await workerPage();
    try {
      await visit(page, copy.origin + COPD);
      await page.waitForFunction(async () => (await caches.keys()).some((k) => k.startsWith('signpost-shell-')));
      const storage = () => page.evaluate(async () => {
        const sizes = {};
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          let n = 0;
          for (const r of await cache.keys()) n += (await (await cache.match(r)).arrayBuffer()).byteLength;
          sizes[name.replace(/-[0-9a-f]{16}$/, '')] = n;
        }
        return sizes;
      });
      const firstVisit = await storage();
      // Settled: the worker has kept the shell and the first page.
      const firstVisitNetwork = copy.bytesSent();
      // A session's worth: the guidelines list, a service, a search, "Keep this offline" on COPD.
      for (const path of ['/guidelines/', '/services/pulmonary-rehab-weymouth/']) await visit(page, copy.origin + path);
      await page.goto(copy.origin + '/search/?q=oxygen', { waitUntil: 'load' });
      await page.locator('main a[href*="/guidelines/"]').first().waitFor({ timeout: 15000 });
      await page.goto(copy.origin + COPD, { waitUntil: 'load' });
      await page.locator('[data-offline-keep] button').click();
      await page.waitForFunction(() => /^Kept/.test(document.querySelector('[data-offline-keep] [role=status]').textContent), null, { timeout: 20000 });
      const session = await storage();
      const onNetwork = copy.bytesSent();
      const shell = firstVisit['signpost-shell'];
      const worker = readFileSync(join(copy.dir, 'public', 'sw.js')).length;
      const total = (o) => Object.values(o).reduce((a, b) => a + b, 0);
      t.diagnostic(`first visit to ${COPD}: over the network ${firstVisitNetwork} B (bodies, as the server sent them); the worker ${worker} B, its shell ${shell} B, the page kept ${firstVisit['signpost-kept']} B; on the device ${total(firstVisit)} B`);
      t.diagnostic(`after a session (4 pages, a search, Keep this offline on COPD): on the device ${total(session)} B (kept pages and search files ${session['signpost-kept']} B); whole session over the network ${onNetwork} B; offline, every page comes from the device`);
      assert.ok(shell > 0 && shell < 300 * 1024, `the shell is ${shell} bytes`);
      assert.ok(firstVisitNetwork >= shell + worker, `the first visit (${firstVisitNetwork} B) fetched the worker and its shell`);
      assert.ok(session['signpost-kept'] > firstVisit['signpost-kept']);
    } finally {
      await context.close();
    }
  });
});
