// scratch: put several narrow slices side by side in one PNG (not committed)
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const [,, out, ...files] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 100, height: 100 } });
const imgs = files.map((f) => `<img src="data:image/png;base64,${readFileSync(f).toString('base64')}">`).join('');
await page.setContent(`<body style="margin:0;display:flex;gap:12px;align-items:flex-start;background:#888;width:max-content">${imgs}</body>`);
await page.waitForLoadState('load');
await page.screenshot({ path: out, fullPage: true });
await browser.close();
