// Shared by the bench/ scripts that read signpost's own search index or drive
// Chromium: a static server, Chromium launched as tests/browser does, the GP
// and adviser query list of tests/browser/search-engine.test.mjs, the
// commonest words of an index, and small statistics.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ---------- Chromium ----------

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Chromium as tests/browser/helper.mjs launches it (playwright-core from tests/browser/node_modules). */
export async function launchChromium() {
  let chromium;
  try {
    ({ chromium } = createRequire(join(REPO, 'tests/browser/package.json'))('playwright-core'));
  } catch (e) {
    throw new Error(`playwright-core is not installed: run \`npm ci\` in ${join(REPO, 'tests/browser')} (${e.message})`);
  }
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

// ---------- Static server ----------

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
};

const isFile = (p) => { try { return statSync(p).isFile(); } catch { return false; } };

/**
 * Serves `root` on 127.0.0.1 as a plain static host would: /x/ → x/index.html,
 * no compression. Pages and entry.json must be asked for again (no-cache);
 * everything else may be cached for an hour, as on a typical host, so a
 * second query in the same browser reads the shards from its cache.
 * Resolves to { server, origin }.
 */
export function serve(root) {
  root = resolve(root);
  const server = createServer((req, res) => {
    let pathname;
    try { pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname); } catch {
      res.writeHead(400).end(); return;
    }
    let file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) { res.writeHead(403).end(); return; }
    if (pathname.endsWith('/')) file = join(file, 'index.html');
    else if (!isFile(file) && isFile(join(file, 'index.html'))) {
      res.writeHead(301, { Location: pathname + '/' }).end(); return;
    }
    if (!isFile(file)) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found'); return; }
    const body = readFileSync(file);
    const ext = extname(file);
    const fresh = ext === '.html' || file.endsWith(`${sep}entry.json`);
    res.writeHead(200, {
      'Content-Type': TYPES[ext] || 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': fresh ? 'no-cache' : 'public, max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

// ---------- The search page and the index ----------

/** True when the built search page runs signpost's own engine (it loads search-engine.js). */
export function pageUsesOwnEngine(out) {
  try {
    return readFileSync(join(out, 'search', 'index.html'), 'utf8').includes('static/js/search-engine.js');
  } catch {
    return false;
  }
}

/** Fails clearly unless `out` holds signpost's own index. */
export function requireOwnIndex(out) {
  if (!isFile(join(out, 'search', 'engine', 'entry.json'))) {
    throw new Error(`${out}: no search/engine/entry.json; build with a signpost that writes its own index`);
  }
}

/**
 * The `count` commonest words of a built site's own index, by document
 * frequency: [{ form, df }], each term as one of its surface forms (the term
 * itself when it is one).
 */
export function commonestWords(out, count = 10) {
  const root = join(out, 'search', 'engine');
  const terms = new Map();
  for (const name of readdirSync(join(root, 'shards'))) {
    const shard = JSON.parse(readFileSync(join(root, 'shards', name), 'utf8'));
    for (const [form, t] of shard.forms) {
      const [stem, df] = shard.terms[t];
      if (!terms.has(stem) || form === stem) terms.set(stem, { form, df });
    }
  }
  return [...terms.values()].sort((a, b) => b.df - a.df || (a.form < b.form ? -1 : 1)).slice(0, count);
}

/** Document frequency of a word's term in a built site's own index (0 when absent). */
export function documentFrequency(out, word) {
  const root = join(out, 'search', 'engine');
  for (const name of readdirSync(join(root, 'shards'))) {
    const shard = JSON.parse(readFileSync(join(root, 'shards', name), 'utf8'));
    const hit = shard.forms.find(([form]) => form === word);
    if (hit) return shard.terms[hit[1]][1];
  }
  return 0;
}

/**
 * The GP and adviser queries of tests/browser/search-engine.test.mjs, read
 * from that file (not copied): [[query, expected pages, todo?], ...].
 */
export function relevanceQueries() {
  const file = join(REPO, 'tests/browser/search-engine.test.mjs');
  const text = readFileSync(file, 'utf8');
  const m = text.match(/\nconst QUERIES = (\[[\s\S]*?\n\]);/);
  if (!m) throw new Error(`${file}: no \`const QUERIES = [...];\` found`);
  // eslint-disable-next-line no-new-func
  const list = new Function('KNOWN_MISS', `"use strict"; return ${m[1]};`)('known miss');
  if (!Array.isArray(list) || !list.length || !list.every((q) => typeof q[0] === 'string')) {
    throw new Error(`${file}: QUERIES did not read as a list of [query, pages]`);
  }
  return list;
}

// ---------- Statistics ----------

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values, p) {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return NaN;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
}

export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return NaN;
  const h = v.length >> 1;
  return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}
