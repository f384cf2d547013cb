// Shared set-up for the browser suite: builds the example site once with the
// release binary, serves it on 127.0.0.1, and drives one Chromium for every
// test. Everything here is lazy and memoised, so the first test that needs the
// site pays for it and the rest reuse it.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, '..', '..');
export const SCREENSHOTS = join(HERE, 'screenshots');
/** "Today" for every build, so review and stale-service states never drift. */
export const TODAY = '2026-11-25';

const AXE_SOURCE = readFileSync(join(HERE, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// ---------- The pages the suite visits, one or more of each kind ----------

/** Page types, by name. `drafts` pages come from the second build (--drafts). */
export const PAGES = {
  home: { path: '/' },
  guidelinesIndex: { path: '/guidelines/' },
  guidelineApproved: { path: '/guidelines/copd/' },
  guidelineSuperseded: { path: '/guidelines/copd-2023/' },
  guidelineOverdue: { path: '/guidelines/breathlessness/' },
  guidelineDueSoon: { path: '/guidelines/asthma/adults/' },
  guidelineDraft: { path: '/guidelines/oxygen-draft/', drafts: true },
  directory: { path: '/directories/respiratory/' },
  servicesIndex: { path: '/services/' },
  service: { path: '/services/pulmonary-rehab-weymouth/' },
  serviceStale: { path: '/services/handyperson-service/' },
  serviceClosed: { path: '/services/breathe-easy-poole/' },
  serviceAlert: { path: '/services/home-energy-grants/' },
  page: { path: '/about/' },
  notFound: { path: '/no-such-page/', status: 404 },
};

// ---------- Static server ----------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
};

function isFile(p) {
  try { return statSync(p).isFile(); } catch { return false; }
}
function isDir(p) {
  try { return statSync(p).isDirectory(); } catch { return false; }
}

/** A tiny static server for `root`: /x/ → x/index.html, /x → 301 /x/ when x is
 *  a folder, anything else missing → 404.html with status 404. */
function startServer(root) {
  const server = createServer((req, res) => {
    // A server "offline" (serveCopy's setOffline) drops every connection.
    if (server.offline) {
      req.socket.destroy();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    const file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    let target = null;
    if (pathname.endsWith('/') && isFile(join(file, 'index.html'))) target = join(file, 'index.html');
    else if (!pathname.endsWith('/') && isFile(file)) target = file;
    else if (!pathname.endsWith('/') && isDir(file) && isFile(join(file, 'index.html'))) {
      res.writeHead(301, { Location: pathname + '/' }).end();
      return;
    }
    let status = 200;
    if (!target) {
      status = 404;
      target = join(root, '404.html');
      if (!isFile(target)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
    }
    const body = readFileSync(target);
    // What the site cost on the network (checks/offline.mjs reports it).
    if (req.method !== 'HEAD') server.bytesSent = (server.bytesSent || 0) + body.length;
    res.writeHead(status, {
      'Content-Type': TYPES[extname(target)] || 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok(server));
  });
}

// ---------- Build ----------

export function signpostBinary() {
  if (process.env.SIGNPOST_BIN) return resolve(process.env.SIGNPOST_BIN);
  const targetDir = process.env.CARGO_TARGET_DIR ? resolve(REPO, process.env.CARGO_TARGET_DIR) : join(REPO, 'target');
  const bin = join(targetDir, 'release', 'signpost');
  if (existsSync(bin)) return bin;
  // A target folder set in a cargo config file: ask cargo where it is.
  const meta = spawnSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd: REPO, encoding: 'utf8' });
  if (meta.status === 0) return join(JSON.parse(meta.stdout).target_directory, 'release', 'signpost');
  return bin;
}

function build(output, baseUrl, extra = [], root = REPO) {
  const bin = signpostBinary();
  if (!existsSync(bin)) {
    throw new Error(`no release binary at ${bin}: run \`cargo build --release\` in ${REPO} first (or set SIGNPOST_BIN)`);
  }
  const run = spawnSync(bin, ['build', '--root', root, '--output', output, '--base-url', baseUrl, ...extra], {
    env: { ...process.env, SIGNPOST_TODAY: TODAY },
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    throw new Error(`signpost build failed (exit ${run.status}):\n${run.stderr}\n${run.stdout}`);
  }
}

// ---------- The shared site, browser and request log ----------

let shared = null;

/** Every URL any page of the suite asked for, across every context. */
export const requests = [];

/**
 * The built site and the one browser, made on first use:
 * { origin, draftsOrigin, out, browser, context, url(path, drafts) }.
 */
export function site() {
  if (!shared) shared = setUp();
  return shared;
}

async function setUp() {
  const tmp = mkdtempSync(join(tmpdir(), 'signpost-browser-'));
  const out = join(tmp, 'public');
  const draftsOut = join(tmp, 'drafts');
  const server = await startServer(out);
  const draftsServer = await startServer(draftsOut);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const draftsOrigin = `http://127.0.0.1:${draftsServer.address().port}`;
  build(out, origin);
  build(draftsOut, draftsOrigin, ['--drafts']);

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const contexts = [];
  const s = {
    tmp, out, draftsOut, origin, draftsOrigin, browser, servers: [server, draftsServer], contexts,
    url(path, drafts = false) { return (drafts ? draftsOrigin : origin) + path; },
    /** A new browser context with the request log and the off-machine guard.
     *  The site's offline worker is blocked unless `serviceWorkers: 'allow'`:
     *  the other checks measure what the network serves, and checks/offline.mjs
     *  tests the worker in contexts of its own. */
    async newContext(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', ...options });
      context.on('request', (r) => requests.push(r.url()));
      // Nothing may leave this machine: refuse it (the log above still records it).
      await context.route((url) => !isLocal(url), (route) => route.abort('blockedbyclient'));
      contexts.push(context);
      return context;
    },
  };
  s.context = await s.newContext();
  s.page = await s.context.newPage();
  return s;
}

/** Builds another site (a fixture folder) and serves it until the suite ends; its origin. */
export async function serveSite(root) {
  const s = await site();
  const out = join(s.tmp, `extra-${s.servers.length}`);
  const server = await startServer(out);
  s.servers.push(server);
  const origin = `http://127.0.0.1:${server.address().port}`;
  build(out, origin, [], root);
  return origin;
}

/**
 * A copy of the example site (site.yaml, content/, data/) in a folder of its
 * own, built and served until the suite ends, so a check may change it:
 * { dir, origin, rebuild(), setOffline(on), bytesSent() } (bodies only). `siteYaml` edits the
 * settings' text first. setOffline(true) makes the server drop every
 * connection, as a lost signal does.
 */
export async function serveCopy(name, siteYaml = (text) => text) {
  const s = await site();
  const dir = join(s.tmp, `copy-${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'site.yaml'), siteYaml(readFileSync(join(REPO, 'site.yaml'), 'utf8')));
  for (const folder of ['content', 'data']) cpSync(join(REPO, folder), join(dir, folder), { recursive: true });
  const out = join(dir, 'public');
  const server = await startServer(out);
  s.servers.push(server);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const rebuild = () => build(out, origin, [], dir);
  rebuild();
  const setOffline = (on) => { server.offline = on; };
  const bytesSent = () => server.bytesSent || 0;
  return { dir, origin, rebuild, setOffline, bytesSent };
}

/** True for URLs the suite may ask for: 127.0.0.1, or the browser's own data: and about: pages. */
export function isLocal(url) {
  const u = typeof url === 'string' ? new URL(url) : url;
  if (u.protocol === 'data:' || u.protocol === 'about:' || u.protocol === 'blob:') return true;
  return u.hostname === '127.0.0.1';
}

/** Closes the browser and servers and removes the built site. Safe to call twice. */
export async function tearDown() {
  if (!shared) return;
  const s = await shared.catch(() => null);
  shared = null;
  if (!s) return;
  await s.browser.close().catch(() => {});
  await Promise.all(s.servers.map((srv) => new Promise((ok) => srv.close(ok))));
  rmSync(s.tmp, { recursive: true, force: true });
}

/** The shared page, on `path` (a key of PAGES or a path), with a status check. */
export async function open(pageOrPath, { page = null, drafts = false, status = 200 } = {}) {
  const s = await site();
  const p = page || s.page;
  let path = pageOrPath;
  if (PAGES[pageOrPath]) {
    ({ path } = PAGES[pageOrPath]);
    drafts = !!PAGES[pageOrPath].drafts;
    status = PAGES[pageOrPath].status || 200;
  }
  const response = await p.goto(s.url(path, drafts), { waitUntil: 'load' });
  if (!response || response.status() !== status) {
    throw new Error(`${path}: expected status ${status}, got ${response && response.status()}`);
  }
  await settled(p);
  return p;
}

/** Waits until every list filter has drawn its answer (filters.js marks a
 *  form data-busy while it asks the search index). */
export async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('form[data-busy]'));
}

/** The status line of a list's first page of `n` items: "Showing 1–40 of 40 services". */
export function showing(n, noun, size = 50) {
  const plural = n === 1 ? noun : `${noun}s`;
  if (n === 0) return `Showing 0 of 0 ${plural}`;
  const last = Math.min(n, size);
  return `Showing ${last === 1 ? '1' : `1–${last}`} of ${n.toLocaleString('en-GB')} ${plural}`;
}

/** Chooses `value` in `select` and waits for the list to follow. */
export async function choose(page, select, value) {
  await page.selectOption(select, value);
  await settled(page);
}

// ---------- axe ----------

/** Runs axe-core on the page as it is now; returns its violations. */
export async function axe(page) {
  // Evaluated through the DevTools protocol, not added as an inline <script>,
  // which the pages' Content Security Policy refuses.
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

/**
 * axe findings that only a change in signpost's Rust code (the Markdown HTML)
 * can fix. They are not hidden: each page's test runs a TODO subtest that
 * fails (and prints them) while they are there. Everything else is asserted
 * strictly. Remove an entry once the Rust side is fixed.
 */
export const KNOWN_RUST_ISSUES = [
  // { rule: 'label', selector: '.prose li > input[type="checkbox"][disabled]', why: 'task-list checkboxes without a label' },
  // (that one was fixed in src/markdown.rs: task markers are now a drawn box with the state in words)
];

/** Splits violations into those covered by KNOWN_RUST_ISSUES and the rest, node by node. */
export async function splitKnown(page, violations) {
  const known = [];
  const unknown = [];
  for (const v of violations) {
    const issue = KNOWN_RUST_ISSUES.find((k) => k.rule === v.id);
    let matched = [];
    if (issue) {
      const flags = await page.evaluate(({ targets, selector }) => targets.map((t) => {
        const el = document.querySelector(t);
        return !!el && el.matches(selector);
      }), { targets: v.nodes.map((n) => n.target), selector: issue.selector });
      matched = v.nodes.filter((_, i) => flags[i]);
    }
    const rest = v.nodes.filter((n) => !matched.includes(n));
    if (matched.length) known.push({ ...v, help: `${v.help} – known, needs Rust: ${issue.why}`, nodes: matched });
    if (rest.length) unknown.push({ ...v, nodes: rest });
  }
  return { known, unknown };
}

/** axe violations as text a person can act on. */
export function formatViolations(where, violations) {
  const lines = [`${violations.length} axe violation(s) on ${where}:`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    const summary = (v.nodes[0] && v.nodes[0].summary) || '';
    for (const line of summary.split('\n').slice(0, 4)) lines.push(`    ${line}`);
    for (const n of v.nodes.slice(0, 6)) {
      lines.push(`    at ${n.target}: ${n.html.replace(/\s+/g, ' ').slice(0, 160)}`);
    }
    if (v.nodes.length > 6) lines.push(`    ... and ${v.nodes.length - 6} more`);
  }
  return lines.join('\n');
}

// ---------- Data ----------

let servicesJson = null;
/** Rust's `markdown::slugify`: how area names become filter values. */
const slugify = (text) => [...text.trim().toLowerCase()]
  .map((c) => (c === ' ' ? '-' : c))
  .filter((c) => c === '-' || c === '_' || /[\p{L}\p{N}]/u.test(c))
  .join('');
/**
 * The site's services.json (an Open Referral UK v3 service list page), read
 * from the build, not through the browser, as `{ total, services }` with
 * each service in the terms the pages filter by: categories and referral
 * routes by id, areas by slug, page and directory URLs as paths.
 */
export async function services() {
  const s = await site();
  if (!servicesJson) {
    const feed = JSON.parse(readFileSync(join(s.out, 'services.json'), 'utf8'));
    const path = (url) => new URL(url).pathname;
    const terms = (service, isReferral) => (service.attributes || [])
      .map((a) => a.taxonomy_term)
      .filter((t) => (t.taxonomy === 'Referral routes') === isReferral)
      .map((t) => ({ id: t.term, label: t.name }));
    servicesJson = {
      total: feed.total_items,
      services: feed.contents.map((service) => ({
        name: service.name,
        url: path(service.signpost.url),
        directory: { url: path(service.signpost.directory) },
        categories: terms(service, false),
        referral: terms(service, true),
        areas: (service.service_areas || []).map((a) => ({ name: a.name, slug: slugify(a.name) })),
      })),
    };
  }
  return servicesJson;
}

/**
 * The areas tree as a page's area filter shows it (each option indented by
 * two non-breaking spaces a level): `related(slug)` is the area, the areas
 * around it and the areas inside it, which a service listed for any of them
 * matches; `areas` is every area as `{ slug, name }`.
 */
export async function areaRelations(page) {
  const options = await page.locator('#filter-area option').evaluateAll((os) => os.filter((o) => o.value)
    .map((o) => ({ slug: o.value, depth: (o.getAttribute('data-label') || o.textContent).match(/^\u00a0*/)[0].length / 2,
      name: (o.getAttribute('data-label') || o.textContent).replace(/\s*\(\d+\)\s*$/, '').trim() })));
  const parent = {};
  const stack = [];
  for (const o of options) {
    stack.length = o.depth;
    parent[o.slug] = stack[o.depth - 1] || null;
    stack.push(o.slug);
  }
  const ancestors = (slug) => { const out = []; for (let p = parent[slug]; p; p = parent[p]) out.push(p); return out; };
  const related = (area) => new Set([area, ...ancestors(area), ...Object.keys(parent).filter((x) => ancestors(x).includes(area))]);
  return { related, areas: options.map(({ slug, name }) => ({ slug, name })) };
}

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}

/** Opens a search address and waits until its answer is drawn. */
export async function searchPage(page, path) {
  await open(path, { page });
  await page.waitForFunction(() => {
    const text = document.getElementById('search-status').textContent;
    return text && !text.startsWith('Searching');
  }, null, { timeout: 15000 });
}

/** The paths of the search page's results, in order. */
export const resultPaths = (page) => page.$$eval('#search-results > li.search-result .result-title a', (as) => as.map((a) => new URL(a.href).pathname));

/** A page at `width` px (844 px high for a phone's 390, else 900), opened
 *  before the enclosing describe's tests and closed after them: read
 *  `.page` inside the tests. */
export function pageAtWidth(width) {
  const held = { context: null, page: null };
  before(async () => {
    const s = await site();
    held.context = await s.newContext({ viewport: { width, height: width === 390 ? 844 : 900 } });
    held.page = await held.context.newPage();
  });
  after(async () => { if (held.context) await held.context.close(); });
  return held;
}

/** `signpost serve` on a fresh copy of the example site in a temporary
 *  folder named from `prefix`: resolves to { dir, server, origin } once it
 *  prints its address. */
export async function startPreview(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(REPO, 'site.yaml'), join(dir, 'site.yaml'));
  cpSync(join(REPO, 'content'), join(dir, 'content'), { recursive: true });
  const server = spawn(signpostBinary(), ['serve', '--root', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const origin = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`serve did not start:\n${out}`)), 30000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
  });
  return { dir, server, origin };
}

/** Stops a preview startPreview() started and removes its folder. */
export function stopPreview(server, dir) {
  if (server) server.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** What each editor check starts from: a preview (startPreview) and a page
 *  at 1280 px that gathers console errors (a script or style the policy
 *  refuses) and page errors in `problems`. `close()` ends both. */
export async function editorSession(prefix) {
  const { dir, server, origin } = await startPreview(prefix);
  const context = await (await site()).newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  const close = async () => {
    await context.close();
    stopPreview(server, dir);
  };
  return { dir, server, origin, context, page, problems, close };
}

/** No axe violations on `page` as it is, at 1280 and at 768 px. */
export async function axeAtBothWidths(page, what) {
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 900 });
    const violations = await axe(page);
    assert.equal(violations.length, 0, formatViolations(`${what} at ${width} px`, violations));
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
