// Printing: a guideline and a service card keep what a printed copy needs
// and drop the navigation and filters. Checked on the PDF's own text.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { open, site } from '../helper.mjs';

/** Prints `path` to A4 and returns the PDF's text (whitespace collapsed) and page count. */
async function printed(path, name) {
  const s = await site();
  const page = await open(path);
  const file = join(s.tmp, `${name}.pdf`);
  writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
  // Undo pdftotext's line wrapping so that phrases can be searched for.
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
  return { text, pages };
}

async function pdfText(path, name) {
  return (await printed(path, name)).text;
}

// Labels that belong on screen only. Each must be absent from every print.
const SCREEN_ONLY = [
  'Skip to main content',
  // the main navigation
  'About this site', 'Accessibility statement',
  // the footer navigation
  'All guidelines', 'All services', 'Guideline changes (feed)', 'Services data (Open Referral UK, JSON)',
  // filters
  'Filter services', 'Filter guidelines', 'Reset filters', 'All categories', 'Any referral route', 'Referral route',
  'Showing ', 'Browse services', 'Next page',
];

function assertScreenOnlyGone(text, where) {
  const found = SCREEN_ONLY.filter((label) => text.includes(label));
  assert.deepEqual(found, [], `${where}: screen-only labels printed`);
  // "Home Guidelines Services" is the main navigation in a row.
  assert.ok(!/Home Guidelines Services/.test(text), `${where}: the main navigation printed`);
}

describe('print', () => {
  test('a guideline prints its title, status, version and review date, without navigation', async () => {
    const text = await pdfText('/guidelines/copd/', 'guideline');
    for (const expected of ['COPD: diagnosis and management in primary care', 'Status Approved', 'Version 4.1',
      'Review due 1 March 2028', 'Printed copy of version 4.1 (Approved), review due 1 March 2028']) {
      assert.ok(text.includes(expected), `the printed guideline lacks "${expected}"`);
    }
    assertScreenOnlyGone(text, 'guideline');
    assert.ok(!text.includes('Contents'), 'the on-screen contents list is not printed');
  });

  test('a guideline whose review is overdue prints that in words', async () => {
    const text = await pdfText('/guidelines/breathlessness/', 'overdue');
    assert.ok(text.includes('Review overdue'), 'the printed copy says the review is overdue');
  });

  test('a service prints its name, organisation, phone, email, address and verification date', async () => {
    const { text, pages } = await printed('/services/pulmonary-rehab-weymouth/', 'service');
    assert.equal(pages, 1, 'a service prints on one A4 sheet, to hand to a patient');
    for (const expected of ['Pulmonary rehabilitation, Weymouth and Portland', 'Example Dorset Community Health',
      // Values are searched for on their own: the card prints in two columns,
      // and pdftotext may read a label and its value apart.
      'Phone', '01632 960101', 'Email', 'pulmonary.rehab.weymouth@example.org', 'Harbourside Road', 'DT4 7ZZ',
      'Tuesday and Friday', 'Last verified 14 September 2026', 'bank holiday hours may differ']) {
      assert.ok(text.includes(expected), `the printed service lacks "${expected}"`);
    }
    assertScreenOnlyGone(text, 'service');
  });

  test('a stale service prints its warning', async () => {
    const text = await pdfText('/services/handyperson-service/', 'stale');
    assert.match(text, /Not verified since 30 November 2024/);
  });

  test('a directory prints its services without the filters', async () => {
    const text = await pdfText('/directories/money-and-work/', 'directory');
    assert.ok(text.includes('Money and work'));
    assertScreenOnlyGone(text, 'directory');
  });
});

describe('print: tables', () => {
  // Each table's first and last cells get a marker; the PDF's pages say
  // where each landed. Three of these tables were split across sheets
  // before tables were kept whole.
  for (const path of ['/guidelines/copd/', '/guidelines/breathlessness/', '/guidelines/pulmonary-rehab-referral/']) {
    test(`${path}: a table that fits on a sheet is not split across two`, async () => {
      const s = await site();
      const page = await open(path);
      const tables = await page.locator('.prose table').evaluateAll((all) => all.map((table, i) => {
        const cells = table.querySelectorAll('th, td');
        cells[0].insertAdjacentText('afterbegin', `TABLE${i}START `);
        cells[cells.length - 1].insertAdjacentText('beforeend', ` TABLE${i}END`);
        return i;
      }));
      assert.ok(tables.length > 0, `${path} has tables`);
      const file = join(s.tmp, 'tables.pdf');
      writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
      const count = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
      const sheets = [];
      for (let n = 1; n <= count; n++) {
        sheets.push(execFileSync('pdftotext', ['-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }));
      }
      for (const i of tables) {
        const start = sheets.findIndex((t) => t.includes(`TABLE${i}START`));
        const end = sheets.findIndex((t) => t.includes(`TABLE${i}END`));
        assert.ok(start >= 0 && end >= 0, `table ${i} printed`);
        assert.equal(end, start, `table ${i} of ${path} starts on sheet ${start + 1} and ends on sheet ${end + 1}`);
      }
      await page.reload();
    });
  }
});
