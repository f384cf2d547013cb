// Time from keypress to results drawn on the search page, in Chromium, once
// the search files are cached: for each GP and adviser query of
// tests/browser/search-engine.test.mjs (read from that file), open /search/
// with the query (which runs it once and so warms the cache), clear the box,
// type the query and press Enter. The time is page time (performance.now())
// from the Enter keydown to the first change of #search-status after it that
// shows a finished answer (text with "result", not "Searching…"), seen by a
// MutationObserver installed before the key.
//
//   node bench/keypress.mjs OUT [--json FILE]
//
// A page that searches as you type may have drawn the answer before Enter
// and then not change the status again: such a query counts as 0 ms and is
// reported ("drawn before Enter"), with the time from the last character
// typed to the first answer drawn after it.

import { writeFileSync } from 'node:fs';
import { launchChromium, median, percentile, relevanceQueries, serve } from './lib.mjs';

const args = process.argv.slice(2);
let jsonFile = null;
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') jsonFile = args[++i];
  else positional.push(args[i]);
}
const [out] = positional;
if (!out) {
  console.error('usage: node bench/keypress.mjs OUT [--json FILE]');
  process.exit(2);
}

const QUIET_MS = 2000; // no change this long after Enter, with an answer shown: drawn before Enter
const queries = relevanceQueries().map((q) => q[0]);
const { server, origin } = await serve(out);
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
page.on('pageerror', (e) => console.error(`page error: ${e.message}`));

const FINISHED = (t) => /result/i.test(t) && !t.startsWith('Searching');

async function waitFinished() {
  await page.waitForFunction(() => {
    const t = (document.getElementById('search-status') || {}).textContent || '';
    return /result/i.test(t) && !t.startsWith('Searching');
  }, null, { timeout: 60000 });
}

async function measure(query) {
  // Open the page with the query: it runs once, and its files are cached.
  await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`);
  await waitFinished();
  await page.fill('#search-q', '');
  await page.evaluate(() => {
    const status = document.getElementById('search-status');
    const b = { enter: null, atEnter: null, done: null, text: null, lastKey: null, answers: [] };
    window.__bench = b;
    document.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') b.lastKey = performance.now();
      else if (b.enter === null) { b.enter = performance.now(); b.atEnter = status.textContent; }
    }, true);
    new MutationObserver(() => {
      const t = status.textContent || '';
      if (!/result/i.test(t) || t.startsWith('Searching')) return;
      const now = performance.now();
      b.answers.push(now);
      if (b.enter !== null && b.done === null) { b.done = now; b.text = t; }
    }).observe(status, { childList: true, characterData: true, subtree: true });
  });
  await page.focus('#search-q');
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  // The first answer drawn after the last character typed: for a page that
  // searches as you type, the time a typist waits without pressing Enter.
  const typed = (b) => {
    const t = b.answers.find((a) => a >= b.lastKey);
    return t === undefined ? null : t - b.lastKey;
  };
  try {
    await page.waitForFunction(() => window.__bench.done !== null, null, { timeout: QUIET_MS });
  } catch {
    const b = await page.evaluate(() => window.__bench);
    if (b.enter !== null && FINISHED(b.atEnter || '')) {
      return { query, ms: 0, before: true, typed_ms: typed(b), status: b.atEnter.trim() };
    }
    await page.waitForFunction(() => window.__bench.done !== null, null, { timeout: 60000 });
  }
  const b = await page.evaluate(() => window.__bench);
  return { query, ms: b.done - b.enter, before: false, typed_ms: typed(b), status: b.text.trim() };
}

const rows = [];
try {
  for (const q of queries) rows.push(await measure(q));
} finally {
  await browser.close();
  server.close();
}

const ms = rows.map((r) => r.ms);
const summary = {
  queries: rows.length,
  median_ms: median(ms),
  p90_ms: percentile(ms, 90),
  max_ms: Math.max(...ms),
  drawn_before_enter: rows.filter((r) => r.before).length,
};
const typedMs = rows.map((r) => r.typed_ms).filter((t) => t !== null);
if (summary.drawn_before_enter && typedMs.length) {
  summary.typed_median_ms = median(typedMs);
  summary.typed_p90_ms = percentile(typedMs, 90);
}
console.log(`keypress (Enter) to results drawn, ${rows.length} queries, files cached: median ${summary.median_ms.toFixed(1)} ms, 90th percentile ${summary.p90_ms.toFixed(1)} ms, slowest ${summary.max_ms.toFixed(1)} ms${summary.drawn_before_enter ? `, ${summary.drawn_before_enter} drawn before Enter (0 ms)` : ''}`);
for (const r of [...rows].sort((a, b) => b.ms - a.ms).slice(0, Number(process.env.SHOW || 5))) {
  console.log(`  ${r.ms.toFixed(1)} ms  ${r.query}  (${r.status})`);
}
if (summary.typed_median_ms !== undefined) {
  console.log(`  as typed (last character to the first answer after it, ${typedMs.length} queries): median ${summary.typed_median_ms.toFixed(1)} ms, 90th percentile ${summary.typed_p90_ms.toFixed(1)} ms`);
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ summary, rows }, null, 1));
