// Bytes a browser fetches to run a first search, measured in Chromium.
// usage: node bench/first_query.mjs OUTPUT_DIR [QUERY]
// Serves OUTPUT_DIR on 127.0.0.1 (built with --base-url http://127.0.0.1:PORT
// or a root-relative base), opens /search/?q=QUERY with an empty cache, and
// sums the bodies of every response: the page itself, then the search files.
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [dir, query = 'asthma'] = process.argv.slice(2);
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const server = createServer((req, res) => {
  let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path.endsWith('/')) path += 'index.html';
  const file = join(dir, normalize(path));
  try {
    statSync(file);
    const ext = file.slice(file.lastIndexOf('.'));
    res.writeHead(200, { 'Content-Type': types[ext] || 'application/octet-stream' });
    res.end(readFileSync(file));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
const sizes = [];
page.on('response', async (r) => {
  try { sizes.push([new URL(r.url()).pathname, (await r.body()).length]); } catch { /* redirects */ }
});
await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`);
await page.waitForFunction(() => {
  const t = document.getElementById('search-status').textContent;
  return t && !t.startsWith('Searching');
}, null, { timeout: 60000 });
await page.waitForTimeout(300);
const status = await page.textContent('#search-status');
const total = sizes.reduce((a, [, n]) => a + n, 0);
const search = sizes.filter(([p]) => p.includes('/pagefind/') || p.includes('/search/vocabulary')).reduce((a, [, n]) => a + n, 0);
console.log(JSON.stringify({ query, status, requests: sizes.length, total_bytes: total, search_bytes: search,
  largest: sizes.sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.SHOW || 5)) }));
await browser.close();
server.close();
