// Screenshots for a person to look at, and no sideways scrolling on a small phone.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGES, axe, formatViolations, open, screenshotPath, site, splitKnown } from '../helper.mjs';

const SHOTS = [
  ['guideline', '/guidelines/copd/'],
  ['services', '/services/'],
  ['service', '/services/pulmonary-rehab-weymouth/'],
];
const WIDTHS = [1280, 390];

describe('look', () => {
  for (const width of WIDTHS) {
    for (const [name, path] of SHOTS) {
      test(`screenshot of ${path} at ${width} px`, async () => {
        const s = await site();
        const page = s.page;
        await page.setViewportSize({ width, height: 900 });
        try {
          await open(path);
          const file = screenshotPath(`${name}-${width}.png`);
          await page.screenshot({ path: file, fullPage: true });
        } finally {
          await page.setViewportSize({ width: 1280, height: 900 });
        }
      });
    }
  }

  // 360 px is a small phone; 320 px is WCAG 1.4.10 (reflow at 400% zoom of 1280 px).
  for (const width of [360, 320]) {
    describe(`nothing overflows sideways at ${width} px`, () => {
      for (const [name, { path }] of Object.entries(PAGES)) {
        test(`${name} (${path})`, async () => {
          const s = await site();
          const page = s.page;
          await page.setViewportSize({ width, height: 740 });
          try {
            await open(name);
            const sizes = await page.evaluate(() => {
              const root = document.documentElement;
              // Name the elements that stick out, to say what to fix.
              const culprits = [];
              for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.right > root.clientWidth + 0.5 && r.width > 0) {
                  culprits.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : ''} right=${Math.round(r.right)}`);
                }
              }
              return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits: culprits.slice(0, 10) };
            });
            assert.ok(sizes.scrollWidth <= sizes.clientWidth,
              `${path} is ${sizes.scrollWidth} px wide in a ${sizes.clientWidth} px window; sticking out:\n  ${sizes.culprits.join('\n  ')}`);
          } finally {
            await page.setViewportSize({ width: 1280, height: 900 });
          }
        });
      }
    });
  }

  // Some rules depend on layout (a region that scrolls must be focusable,
  // target sizes, contrast over overlapping boxes): run axe on the narrowest screen too.
  describe('axe at 320 px', () => {
    for (const name of ['home', 'guidelinesIndex', 'guidelineApproved', 'guidelineSuperseded', 'servicesIndex', 'directory', 'service', 'serviceStale']) {
      const { path } = PAGES[name];
      test(`${name} (${path})`, async () => {
        const s = await site();
        const page = s.page;
        await page.setViewportSize({ width: 320, height: 700 });
        try {
          await open(name);
          const { unknown } = await splitKnown(page, await axe(page));
          assert.equal(unknown.length, 0, formatViolations(`${path} at 320 px`, unknown));
        } finally {
          await page.setViewportSize({ width: 1280, height: 900 });
        }
      });
    }
  });
});

describe('header and icon', () => {
  test('at 1280 px the header search button sits beside its field', async () => {
    const page = await open('/guidelines/copd/');
    const [field, button] = await Promise.all(['.site-search input', '.site-search button'].map((sel) => page.locator(sel).boundingBox()));
    assert.ok(Math.abs(field.y + field.height / 2 - (button.y + button.height / 2)) < 2, `field at y=${field.y}, button at y=${button.y}`);
    assert.ok(button.x > field.x + field.width - 1, 'the button is to the right of the field');
  });

  test('every page names a favicon that answers, and loads without a console error', async () => {
    const s = await site();
    const context = await s.newContext();
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
      for (const [name, { path }] of Object.entries(PAGES)) {
        await open(name, { page });
        const href = await page.locator('link[rel="icon"]').getAttribute('href');
        assert.ok(href, `${path} names no icon`);
        const response = await page.request.get(new URL(href, page.url()).href);
        assert.equal(response.status(), 200, `${path}: ${href}`);
        assert.match(response.headers()['content-type'], /image\/svg\+xml/);
        if (name !== 'notFound') assert.deepEqual(errors, [], `console errors on ${path}`);
        errors.length = 0;
      }
    } finally {
      await context.close();
    }
  });
});
