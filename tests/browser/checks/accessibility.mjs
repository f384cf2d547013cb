// axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules) on every page type, with
// JavaScript on, and on the filterable lists with JavaScript off as well,
// since those show different content (the no-script category lists).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGES, axe, formatViolations, open, site } from '../helper.mjs';

describe('axe: zero WCAG 2.2 AA violations', () => {
  for (const [name, { path }] of Object.entries(PAGES)) {
    test(`${name} (${path})`, async () => {
      const page = await open(name);
      const violations = await axe(page);
      assert.equal(violations.length, 0, formatViolations(path, violations));
    });
  }

  test('filtered lists with a filter applied (/services/?category=…)', async () => {
    const page = await open('/services/?category=pulmonary-rehab&referral=self');
    const violations = await axe(page);
    assert.equal(violations.length, 0, formatViolations('/services/ filtered', violations));
  });

  for (const path of ['/services/', '/directories/respiratory/', '/guidelines/']) {
    test(`${path} without JavaScript`, async () => {
      const s = await site();
      const context = await s.newContext({ javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await open(path, { page });
        const violations = await axe(page);
        assert.equal(violations.length, 0, formatViolations(`${path} (no JavaScript)`, violations));
      } finally {
        await context.close();
      }
    });
  }
});
