// Bytes Chromium fetches for a first query on signpost's own search index:
// for each of the ten commonest words of a built site (by document frequency
// in its index) and any words given, a new browser context (empty cache)
// opens the search page and the bodies of the responses under
// /search/engine/ are summed (search files only: not the page, its CSS or its
// scripts). The folder is served as built, uncompressed.
//
//   node bench/first_query.mjs OUT [--json FILE] [--top K] [word ...]
//
// OUT is a `signpost build` output with search/engine/entry.json. When its search
// page runs the own engine (its HTML loads static/js/search-engine.js), the
// query goes through the real page, /search/?q=WORD, and is done when
// #search-status reports results and the network is quiet. Otherwise (an
// older binary whose page ran Pagefind) it opens /search/, loads
// static/js/search-engine.js into it and runs
// SignpostSearch.load('/search/engine/').then((e) => e.search(WORD)), which
// fetches what a page would: the index files and the ten results' fragments.
// FIRST_QUERY_MODE=engine forces that way.

import { writeFileSync } from 'node:fs';
import {
  commonestWords, documentFrequency, launchChromium, pageUsesOwnEngine, requireOwnIndex, serve,
} from './lib.mjs';

const args = process.argv.slice(2);
let jsonFile = null;
let top = 10;
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') jsonFile = args[++i];
  else if (args[i] === '--top') top = Number(args[++i]);
  else positional.push(args[i]);
}
const [out, ...typical] = positional;
if (!out) {
  console.error('usage: node bench/first_query.mjs OUT [--json FILE] [--top K] [word ...]');
  process.exit(2);
}
requireOwnIndex(out);

const realPage = pageUsesOwnEngine(out) && process.env.FIRST_QUERY_MODE !== 'engine';
const words = [
  ...commonestWords(out, top).map(({ form, df }) => ({ word: form, df, kind: 'commonest' })),
  ...typical.map((word) => ({ word, df: documentFrequency(out, word), kind: 'typical' })),
];

const { server, origin } = await serve(out);
const browser = await launchChromium();
const finished = (t) => /result/i.test(t) && !t.startsWith('Searching');

async function firstQuery(word) {
  const context = await browser.newContext(); // a new profile: empty cache
  const page = await context.newPage();
  const fetched = [];
  const pending = new Set();
  let lastActivity = Date.now();
  page.on('request', (r) => { pending.add(r); lastActivity = Date.now(); });
  const settle = (r) => { pending.delete(r); lastActivity = Date.now(); };
  page.on('requestfailed', settle);
  page.on('requestfinished', async (r) => {
    try {
      const path = new URL(r.url()).pathname;
      if (path.includes('/search/engine/')) {
        const res = await r.response();
        fetched.push([path, res ? (await res.body()).length : 0]);
      }
    } finally { settle(r); }
  });
  let status;
  if (realPage) {
    await page.goto(`${origin}/search/?q=${encodeURIComponent(word)}`);
    await page.waitForFunction((src) => {
      const t = (document.getElementById('search-status') || {}).textContent || '';
      return new RegExp(src, 'i').test(t) && !t.startsWith('Searching');
    }, 'result', { timeout: 60000 });
    status = (await page.textContent('#search-status')).trim();
  } else {
    await page.goto(`${origin}/search/`);
    await page.addScriptTag({ url: '/static/js/search-engine.js' });
    status = await page.evaluate(async (w) => {
      const engine = await window.SignpostSearch.load('/search/engine/');
      const answer = await engine.search(w);
      return `${answer.total} results (${answer.results.filter((r) => r.fragment).length} drawn)`;
    }, word);
  }
  // Wait for the network to be quiet (results drawn after the status line).
  while (pending.size || Date.now() - lastActivity < 500) await page.waitForTimeout(100);
  await context.close();
  if (!finished(status)) throw new Error(`"${word}": the search did not finish: ${status}`);
  const bytes = fetched.reduce((n, [, b]) => n + b, 0);
  const largest = fetched.sort((a, b) => b[1] - a[1])[0] || ['', 0];
  return { requests: fetched.length, bytes, largest: `${largest[0].replace(/^.*\/search\/engine\//, '')} ${largest[1]}`, status };
}

const rows = [];
console.log(`first query, search files only (${realPage ? 'the search page, /search/?q=WORD' : 'search-engine.js loaded into /search/'}; Chromium, empty cache)`);
console.log('| word | kind | documents | requests | bytes | KB | largest file (bytes) |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | --- |');
try {
  for (const w of words) {
    const r = { ...w, ...(await firstQuery(w.word)) };
    rows.push(r);
    console.log(`| ${r.word} | ${r.kind} | ${r.df} | ${r.requests} | ${r.bytes} | ${(r.bytes / 1000).toFixed(1)} | ${r.largest} |`);
  }
} finally {
  await browser.close();
  server.close();
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ mode: realPage ? 'page' : 'engine', rows }, null, 1));
