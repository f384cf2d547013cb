// Keyboard only: the skip link, a visible focus indicator on everything Tab
// reaches, every control reachable, and the filters operable without a mouse.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGES, open } from '../helper.mjs';

// Pages to Tab all the way through: every kind of control the theme has
// (links, table regions, selects, buttons, cards, the skip link).
const TAB_PAGES = ['home', 'guidelinesIndex', 'guidelineApproved', 'guidelineSuperseded', 'servicesIndex', 'directory', 'service', 'page', 'notFound'];

/** The styles that can show focus, read off one element. */
function focusStyle(el) {
  const cs = getComputedStyle(el);
  return {
    outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && !/rgba\(.*, 0\)$|transparent/.test(cs.outlineColor)
      ? `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}` : 'none',
    boxShadow: cs.boxShadow,
    background: cs.backgroundColor,
    color: cs.color,
    border: `${cs.borderTopWidth} ${cs.borderTopColor}`,
    textDecoration: cs.textDecorationLine,
  };
}

describe('keyboard', () => {
  test('the first Tab stop is a visible skip link that moves focus to main', async () => {
    const page = await open('guidelineApproved');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      const atPoint = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return {
        text: el.textContent.trim(), href: el.getAttribute('href'), cls: el.className,
        inViewport: r.width > 10 && r.height > 10 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
        onTop: atPoint === el || el.contains(atPoint),
        visible: cs.visibility !== 'hidden' && cs.opacity !== '0',
      };
    });
    assert.equal(first.cls, 'skip-link', `first Tab stop is ${JSON.stringify(first)}`);
    assert.match(first.text, /skip to main content/i);
    assert.ok(first.inViewport && first.onTop && first.visible, `skip link is not visible when focused: ${JSON.stringify(first)}`);
    await page.keyboard.press('Enter');
    const after = await page.evaluate(() => ({ id: document.activeElement.id, tag: document.activeElement.tagName, hash: location.hash }));
    assert.deepEqual(after, { id: 'main', tag: 'MAIN', hash: '#main' }, 'Enter on the skip link moves focus to <main>');
    // The next Tab continues inside main, not back in the header.
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => !!document.activeElement.closest('main'));
    assert.ok(inMain, 'Tab after the skip link lands inside main');
  });

  for (const name of TAB_PAGES) {
    const { path } = PAGES[name];
    test(`${name} (${path}): Tab reaches every control, and each shows focus`, async () => {
      const page = await open(name);
      // Every element that should be reachable: visible, enabled, not tabindex=-1.
      const expected = await page.evaluate(() => {
        const sel = 'a[href], button, select, input, textarea, summary, [tabindex]';
        let n = 0;
        const out = [];
        for (const el of document.querySelectorAll(sel)) {
          if (el.disabled || el.getAttribute('tabindex') === '-1' || el.type === 'hidden') continue;
          const r = el.getBoundingClientRect();
          const cs = getComputedStyle(el);
          // The skip link is off-screen until focused but is reachable; others must be rendered.
          if (!el.classList.contains('skip-link') && (r.width === 0 || r.height === 0 || cs.visibility === 'hidden')) continue;
          el.setAttribute('data-kb', String(n++));
          out.push(el.outerHTML.slice(0, 120));
        }
        return out;
      });
      const reached = [];
      const focused = {};
      const problems = [];
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
      for (let i = 0; i < expected.length + 5; i++) {
        await page.keyboard.press('Tab');
        const info = await page.evaluate((fs) => {
          const style = new Function(`return (${fs})`)();
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          return { kb: el.getAttribute('data-kb'), html: el.outerHTML.slice(0, 120), style: style(el), visible: el.matches(':focus-visible') };
        }, focusStyle.toString());
        if (!info) break;
        if (info.kb === null) { problems.push(`Tab reached an element outside the expected set: ${info.html}`); continue; }
        if (reached.includes(info.kb)) break; // wrapped round
        reached.push(info.kb);
        focused[info.kb] = info;
      }
      // Now nothing is focused: read each element's resting style and compare.
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
      await page.mouse.move(0, 0);
      const resting = await page.evaluate((fs) => {
        const style = new Function(`return (${fs})`)();
        const out = {};
        for (const el of document.querySelectorAll('[data-kb]')) out[el.getAttribute('data-kb')] = style(el);
        return out;
      }, focusStyle.toString());
      const missing = expected.filter((_, i) => !reached.includes(String(i)));
      assert.deepEqual(missing, [], `${path}: not reachable with Tab:\n${missing.join('\n')}`);
      for (const kb of reached) {
        const f = focused[kb].style;
        const r = resting[kb];
        const shows = (f.outline !== 'none' && f.outline !== r.outline)
          || (f.boxShadow !== 'none' && f.boxShadow !== r.boxShadow)
          || f.background !== r.background;
        if (!focused[kb].visible) problems.push(`not :focus-visible after Tab: ${focused[kb].html}`);
        if (!shows) problems.push(`no visible focus indicator: ${focused[kb].html}\n    focused ${JSON.stringify(f)}\n    resting ${JSON.stringify(r)}`);
      }
      assert.deepEqual(problems, [], `${path}:\n${problems.join('\n')}`);
    });
  }

  test('the service filters work from the keyboard alone', async () => {
    const page = await open('/services/');
    const countText = () => page.locator('#result-count').textContent();
    const before = await countText();
    // Tab to the category select.
    let id = null;
    for (let i = 0; i < 40 && id !== 'filter-category'; i++) {
      await page.keyboard.press('Tab');
      id = await page.evaluate(() => document.activeElement.id);
    }
    assert.equal(id, 'filter-category', 'the category filter is reachable with Tab');
    // Arrow keys change a closed select's value in Chromium on Linux and fire change.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const value = await page.evaluate(() => document.activeElement.value);
    assert.notEqual(value, '', 'arrow keys choose a category');
    await page.waitForFunction((b) => document.getElementById('result-count').textContent !== b, before);
    assert.match(await countText(), /^Showing [\d–]+ of [\d,]+ services?/);
    assert.notEqual(await countText(), before, 'the count changed');
    assert.match(page.url(), new RegExp(`[?&]category=${value}`));
    // On to the reset button, and press it with the keyboard.
    for (let i = 0; i < 5 && id !== 'reset'; i++) {
      await page.keyboard.press('Tab');
      id = await page.evaluate(() => (document.activeElement.type === 'reset' ? 'reset' : document.activeElement.id));
    }
    assert.equal(id, 'reset', 'Tab reaches the reset button after the selects');
    await page.keyboard.press('Enter');
    await page.waitForFunction((b) => document.getElementById('result-count').textContent === b, before);
    assert.equal(await page.locator('#filter-category').inputValue(), '');
    assert.ok(!page.url().includes('category='), `reset clears the query: ${page.url()}`);
  });
});
