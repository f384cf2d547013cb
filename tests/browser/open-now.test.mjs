// "Open now", tested without a browser: the real script
// (themes/default/static/js/open-now.js) answers for fixed instants. Every
// instant is written in UTC; the comment beside it gives the UK time the
// script must use (GMT in winter, BST = UTC+1 from the last Sunday of March
// to the last Sunday of October).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const SCRIPT = join(resolve(HERE, '..', '..'), 'themes/default/static/js/open-now.js');
const { openStatus, parseHours, ukTime } = createRequire(import.meta.url)(SCRIPT);

const WEEKDAYS = 'mon,tue,wed,thu,fri 09:00-17:00';
const at = (iso) => new Date(iso);
const text = (hours, iso) => openStatus(hours, at(iso)).text;

describe('open now: reading data-hours', () => {
  test('days and times become minutes from midnight, 0 = Monday', () => {
    assert.deepEqual(parseHours('mon,wed 09:00-12:30;sun 10:00-24:00'), [
      { days: [0, 2], opens: 540, closes: 750 },
      { days: [6], opens: 600, closes: 1440 },
    ]);
  });

  test('unreadable intervals are left out, not guessed', () => {
    assert.deepEqual(parseHours('mon 17:00-09:00;xyz 09:00-10:00;tue 9:00-10:00;wed 10:00-25:00'), []);
    assert.deepEqual(parseHours(''), []);
    assert.deepEqual(parseHours(null), []);
  });
});

describe('open now: the line', () => {
  test('open mid-morning on a weekday (Tuesday 10:00 GMT)', () => {
    const answer = openStatus(WEEKDAYS, at('2026-12-01T10:00:00Z'));
    assert.deepEqual(answer, { state: 'open', label: 'Open now', detail: 'until 17:00', text: 'Open now, until 17:00' });
  });

  test('open from the minute it opens, closed from the minute it closes', () => {
    assert.equal(text(WEEKDAYS, '2026-12-01T09:00:00Z'), 'Open now, until 17:00');
    assert.equal(text(WEEKDAYS, '2026-12-01T16:59:00Z'), 'Open now, until 17:00');
    assert.equal(text(WEEKDAYS, '2026-12-01T17:00:00Z'), 'Closed, opens tomorrow at 09:00');
  });

  test('closed before opening the same day', () => {
    const answer = openStatus(WEEKDAYS, at('2026-12-01T07:45:00Z')); // Tuesday 07:45
    assert.equal(answer.state, 'closed');
    assert.equal(answer.text, 'Closed, opens at 09:00');
  });

  test('closed after closing: opens the next day', () => {
    assert.equal(text(WEEKDAYS, '2026-12-01T18:30:00Z'), 'Closed, opens tomorrow at 09:00'); // Tuesday 18:30
  });

  test('Sunday night: opens on Monday, which is tomorrow', () => {
    assert.equal(text(WEEKDAYS, '2026-11-29T23:30:00Z'), 'Closed, opens tomorrow at 09:00'); // Sunday 23:30
  });

  test('Friday evening, closed all weekend: opens Monday', () => {
    assert.equal(text(WEEKDAYS, '2026-11-27T19:00:00Z'), 'Closed, opens Monday at 09:00'); // Friday 19:00
    assert.equal(text(WEEKDAYS, '2026-11-28T12:00:00Z'), 'Closed, opens Monday at 09:00'); // Saturday noon
  });

  test('a day with a lunch closure', () => {
    const hours = 'mon,tue,wed,thu,fri 09:00-12:30;mon,tue,wed,thu,fri 13:30-17:00';
    assert.equal(text(hours, '2026-12-01T11:00:00Z'), 'Open now, until 12:30');
    assert.equal(text(hours, '2026-12-01T12:45:00Z'), 'Closed, opens at 13:30');
    assert.equal(text(hours, '2026-12-01T14:00:00Z'), 'Open now, until 17:00');
  });

  test('days listed out of order, in several intervals', () => {
    const hours = 'fri 10:00-12:00;tue 14:00-16:00';
    assert.equal(text(hours, '2026-12-01T16:30:00Z'), 'Closed, opens Friday at 10:00'); // Tuesday 16:30
    assert.equal(text(hours, '2026-12-04T13:00:00Z'), 'Closed, opens Tuesday at 14:00'); // Friday 13:00
  });

  test('open one day a week, after it closes: next week', () => {
    assert.equal(text('wed 10:00-15:00', '2026-12-02T16:00:00Z'), 'Closed, opens next Wednesday at 10:00');
  });

  test('open until 24:00 reads "until midnight"', () => {
    assert.equal(text('mon,tue,wed,thu,fri 18:00-24:00', '2026-12-01T20:00:00Z'), 'Open now, until midnight');
  });

  test('open past midnight: 24:00 one day and 00:00 the next are one opening', () => {
    // The contract has closes after opens, up to 24:00; a night service is two intervals.
    const hours = 'fri,sat 20:00-24:00;sat,sun 00:00-03:00';
    assert.equal(text(hours, '2026-11-27T22:00:00Z'), 'Open now, until 03:00 tomorrow'); // Friday 22:00
    assert.equal(text(hours, '2026-11-28T01:00:00Z'), 'Open now, until 03:00'); // Saturday 01:00
    assert.equal(text(hours, '2026-11-29T02:59:00Z'), 'Open now, until 03:00'); // Sunday 02:59
    assert.equal(text(hours, '2026-11-29T03:00:00Z'), 'Closed, opens Friday at 20:00'); // Sunday 03:00
  });

  test('open past midnight on Sunday night, into Monday', () => {
    const hours = 'sun 18:00-24:00;mon 00:00-02:00';
    assert.equal(text(hours, '2026-11-29T23:00:00Z'), 'Open now, until 02:00 tomorrow'); // Sunday 23:00
    assert.equal(text(hours, '2026-11-30T01:00:00Z'), 'Open now, until 02:00'); // Monday 01:00
  });

  test('open round the clock', () => {
    const hours = 'mon,tue,wed,thu,fri,sat,sun 00:00-24:00';
    assert.deepEqual(openStatus(hours, at('2026-11-29T23:59:00Z')),
      { state: 'always', label: 'Open 24 hours', detail: '', text: 'Open 24 hours' });
  });

  test('open for days on end but not always: names the day it closes', () => {
    const hours = 'mon,tue,wed 00:00-24:00;thu 00:00-13:00';
    assert.equal(text(hours, '2026-11-30T10:00:00Z'), 'Open now, until Thursday at 13:00'); // Monday 10:00
  });

  test('no hours: "Opening hours not listed"', () => {
    for (const hours of ['', null, undefined, [], 'not hours at all']) {
      assert.deepEqual(openStatus(hours, at('2026-12-01T10:00:00Z')),
        { state: 'unknown', label: 'Opening hours not listed', detail: '', text: 'Opening hours not listed' });
    }
  });

  test('hours already read by parseHours are taken too', () => {
    assert.equal(openStatus(parseHours(WEEKDAYS), at('2026-12-01T10:00:00Z')).text, 'Open now, until 17:00');
  });
});

describe('open now: UK time', () => {
  test('British Summer Time is UTC+1: 08:30 UTC in July is 09:30 in the UK', () => {
    assert.deepEqual(ukTime(at('2027-07-14T08:30:00Z')), { day: 2, minutes: 9 * 60 + 30 });
    assert.equal(text(WEEKDAYS, '2027-07-14T08:30:00Z'), 'Open now, until 17:00');
    assert.equal(text(WEEKDAYS, '2027-07-14T16:30:00Z'), 'Closed, opens tomorrow at 09:00'); // 17:30 BST
  });

  test('the clocks go forward (Sunday 28 March 2027, 01:00 GMT → 02:00 BST)', () => {
    assert.deepEqual(ukTime(at('2027-03-28T00:30:00Z')), { day: 6, minutes: 30 }); // still GMT
    assert.deepEqual(ukTime(at('2027-03-28T01:30:00Z')), { day: 6, minutes: 2 * 60 + 30 }); // now BST
    const night = 'sat 20:00-24:00;sun 00:00-02:00';
    assert.equal(text(night, '2027-03-28T00:30:00Z'), 'Open now, until 02:00');
    // 01:30 UTC is 02:30 in the UK: the night opening is over.
    assert.equal(text(night, '2027-03-28T01:30:00Z'), 'Closed, opens Saturday at 20:00');
    // Tuesday morning is BST: 08:30 UTC is 09:30, so a 09:00 opening has
    // begun (Monday 29 March 2027 is Easter Monday, a bank holiday).
    assert.equal(text(WEEKDAYS, '2027-03-30T08:30:00Z'), 'Open now, until 17:00');
  });

  test('the clocks go back (Sunday 31 October 2027, 02:00 BST → 01:00 GMT)', () => {
    // 01:30 happens twice in the UK: once in BST, once in GMT.
    assert.deepEqual(ukTime(at('2027-10-31T00:30:00Z')), { day: 6, minutes: 90 });
    assert.deepEqual(ukTime(at('2027-10-31T01:30:00Z')), { day: 6, minutes: 90 });
    assert.deepEqual(ukTime(at('2027-10-31T02:30:00Z')), { day: 6, minutes: 150 });
    const night = 'sat 20:00-24:00;sun 00:00-02:00';
    assert.equal(text(night, '2027-10-31T00:30:00Z'), 'Open now, until 02:00');
    assert.equal(text(night, '2027-10-31T01:30:00Z'), 'Open now, until 02:00');
    assert.equal(text(night, '2027-10-31T02:30:00Z'), 'Closed, opens Saturday at 20:00');
    // Monday morning is GMT again: 08:30 UTC is 08:30.
    assert.equal(text(WEEKDAYS, '2027-11-01T08:30:00Z'), 'Closed, opens at 09:00');
  });

  test("the machine's own time zone makes no difference", () => {
    const code = `const o = require(${JSON.stringify(SCRIPT)});
      const t = new Date('2027-07-14T16:30:00Z');
      console.log(JSON.stringify([o.ukTime(t), o.openStatus('${WEEKDAYS}', t).text]));`;
    for (const tz of ['America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati', 'UTC']) {
      const run = spawnSync(process.execPath, ['-e', code], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), [{ day: 2, minutes: 17 * 60 + 30 }, 'Closed, opens tomorrow at 09:00'], `TZ=${tz}`);
    }
  });
});

describe('open now: bank holidays', () => {
  // The build lists the site's bank holidays (src/date/bank_holidays.rs,
  // where the calendars are tested); these are England and Wales's.
  const EW = '2026-12-25 2026-12-28 2027-01-01 2027-03-26 2027-03-29 2027-05-03';
  const on = (hours, iso, holidays = EW) => openStatus(hours, at(iso), holidays);

  test('Christmas Day 2026: a weekday service is closed, and says when it opens', () => {
    assert.deepEqual(on(`${WEEKDAYS};bh closed`, '2026-12-25T10:00:00Z'), { // Friday 10:00
      state: 'closed', label: 'Closed today (bank holiday)', detail: 'opens Tuesday at 09:00',
      text: 'Closed today (bank holiday), opens Tuesday at 09:00',
    });
    // Christmas Eve after closing: Friday 25th and Monday 28th (Boxing Day's substitute) are skipped.
    assert.equal(on(`${WEEKDAYS};bh closed`, '2026-12-24T18:00:00Z').text, 'Closed, opens Tuesday at 09:00');
    // Without a word about bank holidays, weekday hours are taken as closed on them.
    assert.equal(on(WEEKDAYS, '2026-12-25T10:00:00Z').label, 'Closed today (bank holiday)');
    // On a site whose calendar lists no such day, it is an ordinary Friday.
    assert.equal(on(WEEKDAYS, '2026-12-25T10:00:00Z', '').text, 'Open now, until 17:00');
  });

  test('Boxing Day 2026 is a Saturday: Monday 28th is the bank holiday', () => {
    assert.equal(on(WEEKDAYS, '2026-12-26T10:00:00Z').text, 'Closed, opens Tuesday at 09:00');
    assert.equal(on('sat 10:00-16:00;bh check', '2026-12-26T11:00:00Z').text, 'Open now, until 16:00');
    assert.equal(on(WEEKDAYS, '2026-12-28T10:00:00Z').text, 'Closed today (bank holiday), opens tomorrow at 09:00');
  });

  test('Easter Monday 2027 (in summer time): closed, opens tomorrow', () => {
    assert.equal(on(WEEKDAYS, '2027-03-29T09:00:00Z').text, 'Closed today (bank holiday), opens tomorrow at 09:00');
    // Good Friday before it: opens on Tuesday.
    assert.equal(on(WEEKDAYS, '2027-03-25T18:00:00Z').text, 'Closed, opens Tuesday at 09:00');
  });

  test('a service that says it opens keeps its usual or its bank-holiday hours', () => {
    assert.equal(on(`${WEEKDAYS};bh open`, '2026-12-25T10:00:00Z').text, 'Open now, until 17:00');
    assert.equal(on(`${WEEKDAYS};bh 10:00-14:00`, '2026-12-25T11:00:00Z').text, 'Open now, until 14:00');
    assert.equal(on(`${WEEKDAYS};bh 10:00-14:00`, '2026-12-25T09:30:00Z').text, 'Closed, opens at 10:00');
    assert.equal(on(`${WEEKDAYS};sat,bh 10:00-14:00`, '2026-12-25T15:00:00Z').text, 'Closed, opens tomorrow at 10:00');
  });

  test('a service that opens at weekends and says nothing: check before going', () => {
    const answer = on('mon,tue,wed,thu,fri,sat,sun 08:00-20:00;bh check', '2026-12-25T10:00:00Z');
    assert.deepEqual([answer.state, answer.text], ['holiday', 'Bank holiday: check before going']);
    assert.equal(on('mon,tue,wed,thu,fri,sat,sun 08:00-20:00;bh check', '2026-12-24T10:00:00Z').text, 'Open now, until 20:00');
  });

  test('the calendar comes from the page when not given', () => {
    const code = `globalThis.document = { querySelector: (q) => q.includes('signpost-bank-holidays') ? { getAttribute: () => '2026-12-25' } : null, querySelectorAll: () => [] };
      globalThis.setInterval = () => 0;
      const o = require(${JSON.stringify(SCRIPT)});
      console.log(o.openStatus('${WEEKDAYS}', new Date('2026-12-25T10:00:00Z')).label);`;
    const run = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), 'Closed today (bank holiday)');
  });
});
