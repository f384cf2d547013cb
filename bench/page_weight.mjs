// Page weight on a slow phone: for each page type of a built site, the bytes
// Chromium transfers and the time to DOMContentLoaded, and the time from a
// filter change to the results drawn (issue 18, point 5).
//
//   node bench/page_weight.mjs OUT [--json FILE] [--runs 3] [--label NAME]
//
// The phone: a 390 x 844 viewport, the CPU 4x slower
// (Emulation.setCPUThrottlingRate), 9 Mbit/s down and up with 85 ms latency
// (Network.emulateNetworkConditions), the cache disabled, and OUT served by
// the plain static server of lib.mjs (no compression). Each figure is the
// median of --runs loads, each in a new browser context.
//
// Page types are found in OUT itself (sitemap.xml and the folders): home,
// guidelines list, a guideline, services list, a category page, an area
// page, a directory, a service, search (`/search/?q=WORD`, done when the
// results are drawn), and a filtered view (`/services/?category=ID`). A type
// the site does not have (category and area pages before paging) prints
// "missing".
//
// Filter change: on /services/, each category in turn is chosen in the
// category select (throttled CPU, as above) and the time until the result
// count's text changes is taken; the median over the categories (at most 9).

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, median, serve } from './lib.mjs';

const args = process.argv.slice(2);
let jsonFile = null;
let runs = 3;
let label = '';
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') jsonFile = args[++i];
  else if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--label') label = args[++i];
  else positional.push(args[i]);
}
const [out] = positional;
if (!out || !existsSync(join(out, 'index.html'))) {
  console.error('usage: node bench/page_weight.mjs OUT [--json FILE] [--runs 3] [--label NAME]  (OUT: a built site)');
  process.exit(2);
}

const BUDGET_BYTES = 250 * 1024;
const BUDGET_DCL_MS = 2500;
const BUDGET_FILTER_MS = 300;
const PHONE = { width: 390, height: 844 };
const NETWORK = { offline: false, latency: 85, downloadThroughput: 9e6 / 8, uploadThroughput: 9e6 / 8 };

/** The site paths of the sitemap, without the origin: `/guidelines/copd/`. */
function sitemapPaths() {
  const file = join(out, 'sitemap.xml');
  if (!existsSync(file)) return [];
  return [...readFileSync(file, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
}

/** The first of `paths` that exists in OUT and matches `re`. */
function first(paths, re) {
  return paths.find((p) => re.test(p) && existsSync(join(out, p, 'index.html'))) || null;
}

/** A folder's first subfolder with an index.html, as a site path. */
function firstChild(dir) {
  const at = join(out, dir);
  if (!existsSync(at)) return null;
  const name = readdirSync(at).sort().find((n) => existsSync(join(at, n, 'index.html')));
  return name ? `/${dir}/${name}/` : null;
}

/** The first category id of the services list's filter. */
function firstCategory() {
  const html = readFileSync(join(out, 'services', 'index.html'), 'utf8');
  const select = html.match(/<select id="filter-category"[\s\S]*?<\/select>/);
  const option = select && select[0].match(/<option value="([^"]+)"/);
  return option ? option[1] : null;
}

const paths = sitemapPaths();
const category = existsSync(join(out, 'services', 'index.html')) ? firstCategory() : null;
const pageTypes = [
  ['home', '/'],
  ['guidelines list', '/guidelines/'],
  // A guideline, not a page of the guidelines list (`/guidelines/page/2/`).
  ['a guideline', first(paths, /^\/guidelines\/(?!page\/).+\//)],
  ['services list', '/services/'],
  ['a category page', first(paths, /^\/services\/category\/[^/]+\/$/) || firstChild('services/category')],
  ['an area page', first(paths, /^\/services\/area\/[^/]+\/$/) || firstChild('services/area')],
  ['a directory', first(paths, /^\/directories\/[^/]+\/$/)],
  ['a service', first(paths, /^\/services\/(?!category\/|area\/|shortlist\/|page\/)[^/]+\/$/)],
  ['search', existsSync(join(out, 'search', 'index.html')) ? '/search/?q=asthma' : null],
  ['a filtered view', category ? `/services/?category=${encodeURIComponent(category)}` : null],
];

const { server, origin } = await serve(out);
const browser = await launchChromium();
const chromiumVersion = browser.version();

/** A new context and page on the slow phone, with a byte counter. */
async function slowPhone() {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const counter = { bytes: 0 };
  cdp.on('Network.loadingFinished', (e) => { counter.bytes += e.encodedDataLength; });
  return { context, page, counter };
}

/** One load of `path`: transferred bytes (until the network is quiet) and DOMContentLoaded. */
async function load(path, isSearch) {
  const { context, page, counter } = await slowPhone();
  await page.goto(origin + path, { waitUntil: 'load', timeout: 300000 });
  if (isSearch) {
    await page.waitForFunction(() => {
      const t = (document.getElementById('search-status') || {}).textContent || '';
      return /result/i.test(t) && !t.startsWith('Searching');
    }, null, { timeout: 120000 }).catch(() => {});
  }
  await page.waitForLoadState('networkidle', { timeout: 120000 }).catch(() => {});
  const dcl = await page.evaluate(() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd);
  const bytes = counter.bytes;
  await context.close();
  return { bytes, dcl };
}

/** Choose each category on /services/ and time until the result count changes. */
async function filterChanges() {
  const { context, page } = await slowPhone();
  await page.goto(`${origin}/services/`, { waitUntil: 'load', timeout: 300000 });
  const select = page.locator('#filter-category');
  if (!(await select.count()) || !(await select.isVisible().catch(() => false))) {
    await context.close();
    return null;
  }
  const values = (await select.locator('option').evaluateAll((os) => os.map((o) => o.value))).filter(Boolean).slice(0, 9);
  const times = [];
  for (const value of values) {
    const ms = await page.evaluate((v) => new Promise((done) => {
      const count = document.getElementById('result-count');
      const before = count ? count.textContent : '';
      const select = document.getElementById('filter-category');
      const started = performance.now();
      const finish = () => requestAnimationFrame(() => done(performance.now() - started));
      const observer = new MutationObserver(() => {
        if (count.textContent !== before) { observer.disconnect(); finish(); }
      });
      observer.observe(count, { childList: true, characterData: true, subtree: true });
      select.value = v;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      setTimeout(() => { observer.disconnect(); done(NaN); }, 30000);
    }), value);
    if (Number.isFinite(ms)) times.push(ms);
  }
  await context.close();
  return times.length ? { median: median(times), count: times.length } : null;
}

const results = [];
for (const [type, path] of pageTypes) {
  if (!path) {
    results.push({ type, path: null });
    console.error(`page_weight: ${type}: missing`);
    continue;
  }
  const loads = [];
  for (let i = 0; i < runs; i++) loads.push(await load(path, type === 'search'));
  const row = { type, path, bytes: median(loads.map((l) => l.bytes)), dcl: median(loads.map((l) => l.dcl)) };
  console.error(`page_weight: ${type} ${path}: ${Math.round(row.bytes / 1024)} KB, DCL ${Math.round(row.dcl)} ms`);
  results.push(row);
}
const filter = await filterChanges();
await browser.close();
server.close();

const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
const mark = (ok) => (ok ? '✓' : '✗');
const lines = [
  `Page weight${label ? ` (${label})` : ''}: ${out}, Chromium ${chromiumVersion}, 390 x 844, CPU 4x slower, 9 Mbit/s + 85 ms, no cache, no compression, median of ${runs}`,
  '',
  '| page type | path | transferred (≤ 250 KB) | DOMContentLoaded (≤ 2.5 s) |',
  '| --- | --- | ---: | ---: |',
  ...results.map((r) => (r.path
    ? `| ${r.type} | \`${r.path}\` | ${kb(r.bytes)} ${mark(r.bytes <= BUDGET_BYTES)} | ${(r.dcl / 1000).toFixed(2)} s ${mark(r.dcl <= BUDGET_DCL_MS)} |`
    : `| ${r.type} | missing | | |`)),
  filter
    ? `| filter change → results drawn (≤ 300 ms) | \`/services/\` | | ${Math.round(filter.median)} ms ${mark(filter.median <= BUDGET_FILTER_MS)} (median of ${filter.count} categories) |`
    : '| filter change → results drawn | missing (no category filter on /services/) | | |',
];
console.log(lines.join('\n'));
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ out, label, chromium: chromiumVersion, runs, results, filter }, null, 2));
