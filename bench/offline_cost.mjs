// What offline copies cost (issue 22, point 1): on a built site, the bytes a
// first visit to a guideline fetches and leaves on the device, then a
// session's worth (the guidelines list, a service, a search, "Keep this
// offline" on the guideline), and what is fetched while offline (nothing).
//
//   node bench/offline_cost.mjs OUT [/guidelines/KEY/]
//
// OUT is served by the plain static server of lib.mjs; Chromium as
// tests/browser launches it, with service workers allowed. Bytes over the
// network are what the server sent, headers included (no compression); on the device, the
// bodies in the worker's caches. Without a guideline path the first in the
// sitemap is used.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, serve } from './lib.mjs';

const [out, given] = process.argv.slice(2);
if (!out) { console.error('usage: node bench/offline_cost.mjs OUT [/guidelines/KEY/]'); process.exit(2); }
const sitemap = readFileSync(join(out, 'sitemap.xml'), 'utf8');
const paths = [...sitemap.matchAll(/<loc>[^<]*?(\/[^<]*)<\/loc>/g)].map((m) => new URL(m[1], 'http://x').pathname);
const guideline = given || paths.find((p) => /^\/guidelines\/(?!page\/)[^/]+\//.test(p));
const service = paths.find((p) => /^\/services\/(?!page\/|category\/|area\/|shortlist\/)[^/]+\/$/.test(p));

const { server, origin } = await serve(out);
const browser = await launchChromium();
const context = await browser.newContext({ serviceWorkers: 'allow' });
// Bytes the server sent, headers included, over every connection: the
// worker's own fetches count, and answers the worker gave from its caches
// do not.
const sockets = [];
server.on('connection', (socket) => sockets.push(socket));
const sent = () => sockets.reduce((n, socket) => n + socket.bytesWritten, 0);
const page = await context.newPage();

const onDevice = () => page.evaluate(async () => {
  let n = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const r of await cache.keys()) n += (await (await cache.match(r)).arrayBuffer()).byteLength;
  }
  return n;
});
const settle = async () => { await page.waitForLoadState('networkidle'); await page.waitForTimeout(500); };

await page.goto(origin + guideline, { waitUntil: 'load' });
await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30000 });
await page.waitForFunction(async () => (await caches.keys()).some((k) => k.startsWith('signpost-shell-')), null, { timeout: 30000 });
await settle();
const first = { network: sent(), device: await onDevice() };

for (const path of ['/guidelines/', service]) { await page.goto(origin + path, { waitUntil: 'load' }); await settle(); }
await page.goto(origin + '/search/?q=oxygen', { waitUntil: 'load' });
await page.waitForFunction(() => !/^Searching/.test(document.getElementById('search-status')?.textContent || 'Searching'), null, { timeout: 30000 });
await settle();
await page.goto(origin + guideline, { waitUntil: 'load' });
const keep = page.locator('[data-offline-keep] button');
if (await keep.count()) {
  await keep.click();
  await page.waitForFunction(() => /^Kept/.test(document.querySelector('[data-offline-keep] [role=status]')?.textContent || ''), null, { timeout: 60000 });
}
await settle();
const session = { network: sent(), device: await onDevice() };

await context.setOffline(true);
const before = sent();
await page.goto(origin + guideline, { waitUntil: 'load' });
await page.waitForTimeout(1000);
const banner = await page.locator('.offline-banner').count();
const offline = sent() - before;
server.close();

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`site: ${out}; guideline ${guideline}`);
console.log(`first visit: ${kb(first.network)} over the network, ${kb(first.device)} on the device`);
console.log(`session (+ guidelines list, ${service}, a search, Keep this offline): ${kb(session.network)} over the network, ${kb(session.device)} on the device`);
console.log(`offline reload of the guideline: ${kb(offline)} from the network (served from the device${banner ? ', with its banner' : ''})`);
await browser.close();
