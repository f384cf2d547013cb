// scratch: slices of pages for looking (not committed)
import { site, open, tearDown } from './helper.mjs';
const [,, path, width, name, maxSlices = '30'] = process.argv;
const s = await site();
const page = s.page;
const w = Number(width);
await page.setViewportSize({ width: w, height: 900 });
await open(path);
const h = await page.evaluate(() => document.documentElement.scrollHeight);
const sliceH = w > 800 ? 1000 : 1100;
let i = 0;
for (let y = 0; y < h && i < Number(maxSlices); y += sliceH, i++) {
  await page.screenshot({ path: `/tmp/look/${name}-${String(i).padStart(2, '0')}.png`, fullPage: true, clip: { x: 0, y, width: w, height: Math.min(sliceH, h - y) } });
}
console.log(name, h, i);
await tearDown();
