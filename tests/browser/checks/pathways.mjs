// Pathway blocks: the breathlessness guideline's pathway is a flowchart at
// 1280 px (branches side by side) and a vertical sequence at 390 px, never
// wider than the window, axe clean at both, its links reached by keyboard in
// reading order, and printed with every branch label.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { axe, formatViolations, open, screenshotPath, site, splitKnown } from '../helper.mjs';

const PATH = '/guidelines/breathlessness/';
const LABELS = [
  'If above 2000 ng/L (BNP above 400 ng/L)',
  'If 400 to 2000 ng/L (BNP 100 to 400 ng/L)',
  'If below 400 ng/L (BNP below 100 ng/L)',
];

/** The shared page on the guideline at `width` px; puts the width back after `run`. */
async function atWidth(width, run) {
  const s = await site();
  await s.page.setViewportSize({ width, height: 900 });
  try {
    await open(PATH);
    return await run(s.page);
  } finally {
    await s.page.setViewportSize({ width: 1280, height: 900 });
  }
}

/** The tops of the first decision's branch boxes, and the page's widths. */
function layout(page) {
  return page.evaluate(() => {
    const branches = [...document.querySelector('.pathway .pathway-branches').children];
    return {
      tops: branches.map((b) => Math.round(b.getBoundingClientRect().top)),
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    };
  });
}

describe('pathways', () => {
  test('the pathway is an ordered list with a labelled decision and resolved links', async () => {
    await atWidth(1280, async (page) => {
      const figure = page.getByRole('figure', { name: 'Breathlessness pathway: from first tests to a plan' });
      await assert.doesNotReject(figure.waitFor(), 'a figure named by its caption');
      const labels = await figure.locator('.branch-label').allInnerTexts();
      for (const label of LABELS) assert.ok(labels.some((l) => l.includes(label)), `a branch labelled "${label}"`);
      const broken = await figure.locator('a[href="#broken-link"]').count();
      assert.equal(broken, 0, 'every link in the pathway resolves');
    });
  });

  for (const width of [1280, 390]) {
    test(`at ${width} px: no sideways scroll, axe clean, screenshot`, async () => {
      await atWidth(width, async (page) => {
        const sizes = await layout(page);
        assert.ok(sizes.scrollWidth <= sizes.clientWidth, `${sizes.scrollWidth} px wide in a ${sizes.clientWidth} px window`);
        const sideBySide = sizes.tops.every((t) => t === sizes.tops[0]);
        if (width === 1280) assert.ok(sideBySide, `branches side by side at 1280 px: tops ${sizes.tops}`);
        else assert.ok(!sideBySide, `branches one under another at 390 px: tops ${sizes.tops}`);
        const { unknown } = await splitKnown(page, await axe(page));
        assert.equal(unknown.length, 0, formatViolations(`${PATH} at ${width} px`, unknown));
        await page.locator('figure.pathway').first().screenshot({ path: screenshotPath(`pathway-${width}.png`) });
      });
    });
  }

  test('Tab reaches the pathway links in reading order', async () => {
    await atWidth(1280, async (page) => {
      const expected = await page.locator('figure.pathway').first().locator('a').evaluateAll((as) => as.map((a) => a.href));
      await page.locator('figure.pathway').first().evaluate((f) => {
        // Start just before the figure: focus the last focusable thing above it.
        const before = [...document.querySelectorAll('a, button, input, [tabindex]')]
          .filter((el) => el.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING);
        before.at(-1).focus();
      });
      const reached = [];
      for (let i = 0; i < expected.length; i++) {
        await page.keyboard.press('Tab');
        reached.push(await page.evaluate(() => document.activeElement.href));
      }
      assert.deepEqual(reached, expected);
    });
  });

  test('printed, the pathway keeps its branch labels', async () => {
    const s = await site();
    const page = await open(PATH);
    const file = join(s.tmp, 'pathway.pdf');
    writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const label of LABELS) assert.ok(text.includes(label), `the printed pathway lacks "${label}"`);
    assert.ok(text.includes('Breathlessness pathway: from first tests to a plan'), 'the printed pathway keeps its title');
    // The print styles at an A4 text width, in grey, to look at.
    await page.setViewportSize({ width: 680, height: 900 });
    await page.emulateMedia({ media: 'print' });
    try {
      await page.locator('figure.pathway').first().screenshot({ path: screenshotPath('pathway-print.png') });
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
