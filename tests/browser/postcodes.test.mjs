// The postcode lookup of themes/default/static/js/postcodes.js, without a
// browser: how a typed postcode is read, the longest match (sector over
// district), and a postcode found inside a search query (issue 22, point 4).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
createRequire(import.meta.url)(join(REPO, 'themes/default/static/js/postcodes.js'));
const P = globalThis.SignpostPostcodes;

// The shape the build writes (src/postcodes.rs, browser_json).
const TABLE = {
  areas: { 'weymouth-and-portland': 'Weymouth and Portland', dorchester: 'Dorchester', poole: 'Poole', 'north-dorset': 'North Dorset' },
  codes: { DT4: 'weymouth-and-portland', 'DT4 9': 'dorchester', DT1: 'dorchester', 'SP8 4': 'north-dorset', 'SP8 5': 'poole' },
};

test('a postcode is read in any case and spacing, whole, as a sector or as a district', () => {
  for (const typed of ['dt4 7tu', 'DT47TU', '  Dt4   7Tu ', 'dt 4 7 t u']) {
    assert.deepEqual(P.parse(typed), { shown: 'DT4 7TU', district: 'DT4', sector: 'DT4 7', whole: true }, typed);
  }
  assert.deepEqual(P.parse('sw1a1aa'), { shown: 'SW1A 1AA', district: 'SW1A', sector: 'SW1A 1', whole: true });
  assert.deepEqual(P.parse('dt4'), { shown: 'DT4', district: 'DT4', sector: null, whole: false });
  assert.deepEqual(P.parse('dt4 9'), { shown: 'DT4 9', district: 'DT4', sector: 'DT4 9', whole: false });
  for (const not of ['', 'damp', 'Weymouth', '4DT', 'DT4 7TUX', '12345']) assert.equal(P.parse(not), null, not);
});

test('the longest match wins: sector DT4 9 over district DT4', () => {
  assert.equal(P.areaOf(TABLE, P.parse('DT4 9AB')).slug, 'dorchester');
  assert.equal(P.areaOf(TABLE, P.parse('DT4 7TU')).slug, 'weymouth-and-portland');
  assert.equal(P.areaOf(TABLE, P.parse('DT4')).slug, 'weymouth-and-portland');
  assert.equal(P.sentence(TABLE, P.areaOf(TABLE, P.parse('dt47tu'))), 'DT4 7TU is in Weymouth and Portland.');
});

test('an unknown postcode, and a district whose sectors lie in two areas, are said so', () => {
  assert.equal(P.sentence(TABLE, P.areaOf(TABLE, P.parse('sw1a 1aa'))), 'No area on this site covers SW1A 1AA.');
  assert.equal(P.sentence(TABLE, P.areaOf(TABLE, P.parse('SP8'))), 'SP8 is split between North Dorset and Poole: type the whole postcode.');
  assert.equal(P.areaOf(TABLE, P.parse('SP8 4PQ')).slug, 'north-dorset');
});

test('a search query gives up its postcode and keeps its words', () => {
  assert.deepEqual(P.inQuery(TABLE, 'damp DT4').rest, 'damp');
  assert.equal(P.inQuery(TABLE, 'damp DT4').found.slug, 'weymouth-and-portland');
  assert.equal(P.inQuery(TABLE, 'dt4 9ab damp homes').rest, 'damp homes');
  assert.equal(P.inQuery(TABLE, 'dt4 9ab damp homes').found.slug, 'dorchester');
  assert.equal(P.inQuery(TABLE, 'warmth sw1a1aa').found.unknown, true);
  assert.equal(P.inQuery(TABLE, 'warmth sw1a1aa').rest, 'warmth');
  // A district the site does not list is a word: vitamin B12 is no place.
  assert.equal(P.inQuery(TABLE, 'vitamin B12'), null);
  assert.equal(P.inQuery(TABLE, 'copd inhalers'), null);
  assert.equal(P.mayHold('copd inhalers'), false);
  assert.equal(P.mayHold('damp dt4'), true);
});
