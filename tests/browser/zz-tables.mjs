import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
const [,, base] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const p = await b.newPage();
for (const g of ['copd','copd-2023','breathlessness','asthma/adults','inhalers','pulmonary-rehab-referral']) {
  const r = await p.goto(`${base}/guidelines/${g}/`); if (!r || r.status() !== 200) { console.log(g, 'missing'); continue; }
  await p.emulateMedia({ media: 'print' });
  const tables = await p.locator('.prose table').evaluateAll((ts) => ts.map((t, i) => {
    const cells = t.querySelectorAll('th, td');
    cells[0].insertAdjacentText('afterbegin', `QQ${i}start `);
    cells[cells.length - 1].insertAdjacentText('beforeend', ` QQ${i}end`);
    return { i, h: t.getBoundingClientRect().height };
  }));
  await p.pdf({ path: '/tmp/scratch/t.pdf', format: 'A4', printBackground: true });
  const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['/tmp/scratch/t.pdf'], { encoding: 'utf8' }))[1]);
  const pages = []; for (let i = 1; i <= n; i++) pages.push(execFileSync('pdftotext', ['-f', String(i), '-l', String(i), '/tmp/scratch/t.pdf', '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '));
  for (const t of tables) {
    const fp = pages.findIndex((x) => x.includes(`QQ${t.i}start`)); const lp = pages.findIndex((x) => x.includes(`QQ${t.i}end`));
    console.log(g, Math.round(t.h), fp + 1, lp + 1, fp === lp ? '' : 'SPLIT');
  }
  await p.emulateMedia({ media: 'screen' });
}
await b.close();
