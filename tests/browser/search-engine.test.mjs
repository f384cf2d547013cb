// signpost's search engine, tested without a browser: the release binary
// builds the example site, and the real query script
// (themes/default/static/js/search-engine.js) answers GP and adviser queries
// from the files it wrote, read from disk by an injected loader. Prints
// precision at 3 and mean reciprocal rank, and the bytes each query read.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const SearchEngine = createRequire(import.meta.url)(join(REPO, 'themes/default/static/js/search-engine.js'));

/** Query → pages, any of which must be among the first three results. */
const QUERIES = [
  ['SABA', ['/guidelines/asthma/adults/']],
  ['short acting beta agonist', ['/guidelines/asthma/adults/']],
  ['salbutmol', ['/guidelines/asthma/adults/']],
  ['COPD', ['/guidelines/copd/']],
  ['copd', ['/guidelines/copd/']],
  ['chronic obstructive pulmonary disease', ['/guidelines/copd/']],
  ['chronic obstructive', ['/guidelines/copd/']],
  ['emphysema', ['/guidelines/copd/']],
  ['MART', ['/guidelines/asthma/adults/']],
  ['ICS', ['/guidelines/asthma/adults/']],
  ['BNP', ['/guidelines/breathlessness/']],
  ['NT-proBNP', ['/guidelines/breathlessness/']],
  ['heart failure', ['/guidelines/breathlessness/']],
  ['shortness of breath', ['/guidelines/breathlessness/']],
  ['FeNO', ['/services/respiratory-diagnostic-hub-purbeck/']],
  ['LTOT', ['/services/home-oxygen-service/']],
  ['long term oxygen therapy', ['/services/home-oxygen-service/']],
  ['inhaler carbon', ['/guidelines/inhalers/']],
  ['inhaler', ['/guidelines/inhalers/']],
  ['inhalers', ['/guidelines/inhalers/']],
  ['spacer', ['/guidelines/inhalers/']],
  ['rescue pack', ['/guidelines/copd/']],
  ['pulmonary rehab referral', ['/guidelines/pulmonary-rehab-referral/']],
  ['cold home weymouth', ['/services/warm-homes-advice/']],
  ['damp mould', ['/services/damp-and-mould-advice/']],
  ['debt', ['/services/debt-advice-line/']],
  ['carer', ['/services/carers-support-dorset/']],
  ['carers', ['/services/carers-support-dorset/']],
  ['stop smoking bridport', ['/services/stop-smoking-service/']],
  ['01632 960302', ['/services/work-and-health-support/']],
  ['pulmonary rehab weymouth', ['/services/pulmonary-rehab-weymouth/']],
  ['rehab poole', ['/services/pulmonary-rehab-poole/']],
  ['pulmonary rehabilitation referral', ['/guidelines/pulmonary-rehab-referral/']],
  ['home oxygen', ['/services/home-oxygen-service/']],
  ['universal credit', ['/services/benefits-advice-dorset/', '/services/money-advice-bcp/']],
  ['welfare benefits', ['/services/benefits-advice-dorset/', '/services/money-advice-bcp/']],
  ['food vouchers', ['/services/welfare-grants-and-food/']],
  ['homeless', ['/services/housing-options-dorset/']],
  ['talking therapy', ['/services/talking-therapies-dorset/']],
  ['spirometry', ['/services/respiratory-diagnostic-hub-purbeck/', '/guidelines/copd/', '/guidelines/breathlessness/']],
  ['singing', ['/services/singing-for-lung-health-bridport/']],
  ['breathe easy', ['/services/breathe-easy-weymouth/', '/services/breathe-easy-poole/', '/services/breathe-easy-bridport/']],
  ['link worker', ['/services/social-prescribing-link-workers/']],
  ['social prescribing', ['/services/social-prescribing-link-workers/']],
  ['prescription costs', ['/services/prescription-costs-advice/']],
  ['energy grant', ['/services/home-energy-grants/']],
  ['carers assessment', ['/services/carers-support-dorset/']],
  ['puffer', ['/guidelines/inhalers/']],
  ['tiotropium', ['/guidelines/copd/', '/guidelines/inhalers/']],
  ['breathlesness', ['/guidelines/breathlessness/', '/services/breathlessness-clinic-dorchester/', '/services/breathlessness-support-service/']],
  ['LAMA', ['/guidelines/copd/']],
  ['triple therapy', ['/guidelines/copd/']],
  ['MRC grade 3', ['/guidelines/pulmonary-rehab-referral/', '/guidelines/copd/']],
  ['dry powder inhaler', ['/guidelines/inhalers/']],
  ['pMDI', ['/guidelines/inhalers/']],
  ['peak flow', ['/guidelines/asthma/adults/']],
  ['echocardiogram', ['/guidelines/breathlessness/']],
  ['varenicline', ['/services/stop-smoking-service/']],
  ['prednisolone', ['/guidelines/copd/', '/guidelines/asthma/adults/']],
  ['budesonide formoterol', ['/guidelines/asthma/adults/']],
  ['pneumococcal vaccine', ['/guidelines/copd/']],
  ['asthama', ['/guidelines/asthma/adults/']],
  ['exacerbations', ['/guidelines/copd/']],
  ['lonely', ['/services/befriending-service/']],
  ['damp mould bournemouth', ['/services/damp-and-mould-advice/']],
  ['0808 157 0021', ['/services/debt-advice-line/']],
  ['oxygen referral', ['/services/home-oxygen-service/']],
  ['breathlessness clinic referral', ['/services/breathlessness-clinic-dorchester/']],
  ['handyperson', ['/services/handyperson-service/']],
  ['fire safety visit', ['/services/fire-safe-and-well-visit/']],
  ['community transport', ['/services/community-transport-north-dorset/']],
  ['help filling in PIP form', ['/services/benefits-advice-dorset/', '/services/money-advice-bcp/']],
  // Issue 21: shorthand and lay words the built-in lexicon knows.
  ['SOB', ['/guidelines/breathlessness/']],
  ['sats', ['/guidelines/breathlessness/', '/guidelines/copd/']],
  ['SpO2', ['/guidelines/breathlessness/', '/guidelines/copd/']],
  ['short of breath', ['/guidelines/breathlessness/']],
  ['flare up', ['/guidelines/copd/']],
  ['steroids for flare up', ['/guidelines/copd/']],
  // The breathlessness guideline never says "exertion"; COPD's says "breathlessness on exertion".
  ['sob on exertion', ['/guidelines/breathlessness/', '/guidelines/copd/']],
  ['brown inhaler', ['/guidelines/inhalers/', '/guidelines/asthma/adults/']],
  ["can't pay gas bill", ['/services/debt-advice-line/', '/services/warm-homes-advice/', '/services/winter-warmth-fund/', '/services/home-energy-grants/']],
];

/** The second site (tests/fixtures/lexicon-site): written for these tests,
 *  with no synonyms of its own, so only the built-in lexicon knows that
 *  "SOB" is breathlessness or a "brown inhaler" a preventer. */
const SECOND_SITE_QUERIES = [
  ['SOB', ['/guidelines/breathlessness/']],
  ['sats', ['/guidelines/breathlessness/']],
  ['SpO2', ['/guidelines/breathlessness/']],
  ['oxygen saturation', ['/guidelines/breathlessness/']],
  ['short of breath', ['/guidelines/breathlessness/']],
  ['sob on exertion', ['/guidelines/breathlessness/']],
  ['flare up', ['/guidelines/copd-exacerbations/']],
  ['steroids for flare up', ['/guidelines/copd-exacerbations/']],
  ['AECOPD', ['/guidelines/copd-exacerbations/']],
  ['prednisolone', ['/guidelines/copd-exacerbations/']],
  ['puffer', ['/guidelines/asthma-inhalers/']],
  ['blue inhaler', ['/guidelines/asthma-inhalers/']],
  ['brown inhaler', ['/guidelines/asthma-inhalers/']],
  ['purple inhaler', ['/guidelines/asthma-inhalers/']],
  ['water tablets', ['/guidelines/heart-failure/']],
  ['swollen ankles', ['/guidelines/heart-failure/']],
  ['chest infection', ['/guidelines/lower-respiratory-tract-infection/']],
  ['chest infection antibiotics', ['/guidelines/lower-respiratory-tract-infection/']],
  ["can't pay gas bill", ['/services/energy-bill-support/', '/services/eastbrook-debt-advice/']],
  ["can't pay rent", ['/services/eastbrook-debt-advice/']],
  ['gas and electric bill', ['/services/energy-bill-support/']],
  ['money worries', ['/services/eastbrook-debt-advice/']],
  ['broken boiler', ['/services/handyperson-and-boiler-repairs/']],
  ['food bank', ['/services/eastbrook-food-bank/']],
  ['lonely', ['/services/befriending-eastbrook/']],
  ['unpaid carer', ['/services/carers-support-eastbrook/']],
  ['pulmonary rehab', ['/services/pulmonary-rehabilitation-eastbrook/']],
  ['quit smoking', ['/services/stop-smoking-eastbrook/']],
  ['PIP form', ['/services/benefits-check/']],
  ['free prescriptions', ['/services/help-with-health-costs/']],
];

let out = null;
let engine = null;
/** The second site's output and engine. */
let secondOut = null;
let second = null;
/** Bytes read from the index, per file, since the last reset. */
let read = new Map();

function signpostBinary() {
  if (process.env.SIGNPOST_BIN) return resolve(process.env.SIGNPOST_BIN);
  const targetDir = process.env.CARGO_TARGET_DIR ? resolve(REPO, process.env.CARGO_TARGET_DIR) : join(REPO, 'target');
  return join(targetDir, 'release', 'signpost');
}

/** Reads the index from disk, as fetch would from the server, counting bytes. */
function diskLoader(root) {
  const file = (url) => {
    const bytes = readFileSync(join(root, url));
    read.set(url, bytes.length);
    return bytes;
  };
  return {
    json: async (url) => JSON.parse(file(url).toString('utf8')),
    bytes: async (url) => new Uint8Array(file(url)),
  };
}

/** Builds the site at `root` into a fresh folder; its output path. */
function buildSite(root) {
  const bin = signpostBinary();
  assert.ok(existsSync(bin), `no binary at ${bin}: run \`cargo build --release\` first (or set SIGNPOST_BIN)`);
  const output = join(mkdtempSync(join(tmpdir(), 'signpost-engine-')), 'public');
  const run = spawnSync(bin, ['build', '--root', root, '--output', output], {
    env: { ...process.env, SIGNPOST_TODAY: '2026-11-25' },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, `signpost build of ${root} failed:\n${run.stderr}`);
  return output;
}

before(async () => {
  out = buildSite(REPO);
  engine = await SearchEngine.load('search/engine/', { loader: diskLoader(out) });
  secondOut = buildSite(join(REPO, 'tests/fixtures/lexicon-site'));
  second = await SearchEngine.load('search/engine/', { loader: diskLoader(secondOut) });
});

after(() => {
  for (const folder of [out, secondOut]) if (folder) rmSync(dirname(folder), { recursive: true, force: true });
});

const paths = (answer) => answer.results.map((r) => (r.fragment ? r.fragment.url : `#${r.doc}`));

describe('the query script reads words as the writer does', () => {
  test('lower case, apostrophes dropped, split at anything but letters and digits', () => {
    assert.deepEqual(SearchEngine.words('Check NT-proBNP; refer (FEV1 < 50%).'), ['check', 'nt', 'probnp', 'refer', 'fev1', '50']);
    assert.deepEqual(SearchEngine.words('Don’t stop; it\'s 3.5 mg'), ['dont', 'stop', 'its', '3', '5', 'mg']);
    assert.deepEqual(SearchEngine.words('Café Ökonomie'), ['café', 'ökonomie']);
  });

  test('every word the script reads in a title, key term or summary is a form the writer indexed', async () => {
    // The two tokenisers must agree, or a word on the page is a word search cannot find.
    const meta = engine.meta;
    const forms = new Set();
    for (const [, file] of meta.shards) {
      for (const [form] of JSON.parse(readFileSync(join(out, 'search/engine', file), 'utf8')).forms) forms.add(form);
    }
    let checked = 0;
    for (let doc = 0; doc < meta.docs; doc++) {
      const f = await engine.fragment(doc);
      for (const word of SearchEngine.words([f.title, ...f.key_terms, f.summary].join(' '))) {
        assert.ok(forms.has(word), `"${word}" from ${f.url} is not in the dictionary`);
        checked++;
      }
    }
    assert.ok(checked > 500, `${checked} words`);
  });

  test('postings decode as the Rust encoder wrote them', () => {
    const { docs, impacts } = SearchEngine.decode(Uint8Array.from([0, 255, 1, 1, 129, 1, 77]), true);
    assert.deepEqual(docs, [0, 1, 130]);
    assert.deepEqual(impacts, [255, 1, 77]);
  });

  test('an excerpt marks the searched forms and keeps the text between them', () => {
    const fragment = { summary: 'Give a rescue pack of steroids and antibiotics.', sections: [] };
    const parts = SearchEngine.excerpt(fragment, ['rescue', 'pack', 'steroids']);
    assert.equal(parts.map((p) => p.text).join(''), fragment.summary);
    assert.deepEqual(parts.filter((p) => p.mark).map((p) => p.text), ['rescue', 'pack', 'steroids']);
  });

  test('edit distance counts a swap as one', () => {
    assert.equal(SearchEngine.distance('salbutmol', 'salbutamol'), 1);
    assert.equal(SearchEngine.distance('slabutamol', 'salbutamol'), 1);
    assert.equal(SearchEngine.distance('inhaler', 'spacer'), 3, 'stops past 2');
  });
});

describe('directories are found by search', () => {
  for (const query of ['housing', 'damp']) {
    test(`“${query}” lists the housing and warmth directory in the first five`, async () => {
      const answer = await engine.search(query + ' ');
      const rank = paths(answer).indexOf('/directories/housing-and-warmth/') + 1;
      assert.ok(rank > 0 && rank <= 5, `“${query}”: the directory is at ${rank || 'no place'} in ${paths(answer).slice(0, 8).join(', ')}`);
    });
  }

  test('a directory result is of the Directory type, with its service count', async () => {
    const answer = await engine.search('housing ');
    const hit = answer.results.find((r) => r.fragment && r.fragment.url === '/directories/housing-and-warmth/');
    const fragment = hit.fragment || (await engine.fragment(hit.doc));
    assert.equal(fragment.kind, 'Directory');
    assert.match(fragment.meta.services, /^\d+ services$/);
  });
});

/** A built page's visible words, as the query script reads words: tags that
 *  sit inside a line vanish ("Treat<em>ment</em>"), others part words. */
function pageWords(url) {
  const inline = /^\/?(a|abbr|b|code|del|em|i|ins|kbd|mark|s|small|span|strong|sub|sup|u)\b/i;
  const html = readFileSync(join(out, url, 'index.html'), 'utf8')
    .replace(/<(head|script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<([^>]*)>/g, (_, tag) => (inline.test(tag) ? '' : ' '))
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' })[e]);
  return ` ${SearchEngine.words(html).join(' ')} `;
}

describe('results people can trust (issue 12, point 6)', () => {
  // Queries whose results include services matched by their areas, referral
  // routes, organisation or categories: text that finds a page, not text on it.
  const EXCERPT_QUERIES = ['weymouth', 'self-referral', 'gp referral', 'dorset', 'breathless', 'cold home weymouth',
    'damp mould', 'homeless', 'stop smoking bridport', 'housing', 'inhaler', 'citizens advice', 'every area', 'how to refer'];

  test('every excerpt is words the reader finds on the result\'s page, never matching-only text', async () => {
    let checked = 0;
    for (const query of EXCERPT_QUERIES) {
      const answer = await engine.search(query + ' ', { limit: 30 });
      for (const { fragment } of answer.results.filter((r) => r.fragment)) {
        const text = SearchEngine.excerpt(fragment, answer.highlight).map((p) => p.text).join('');
        assert.doesNotMatch(text, /Serves every area|How to refer:/, `“${query}”, ${fragment.url}`);
        const said = SearchEngine.words(text).join(' ');
        assert.ok(said && pageWords(fragment.url).includes(` ${said} `), `“${query}”: the excerpt of ${fragment.url} is not on its page: ${text}`);
        checked++;
      }
    }
    assert.ok(checked > 150, `${checked} excerpts`);
  });

  test('matching-only text still finds its service', async () => {
    // Weymouth is in no county-wide service's own text: "Serves every area: …" finds them.
    const answer = await engine.search('cold home weymouth ');
    assert.ok(paths(answer).includes('/services/warm-homes-advice/'), paths(answer).join(', '));
    const organisation = await engine.search('citizens advice ');
    assert.equal(paths(organisation)[0], '/services/benefits-advice-dorset/', 'the organisation counts as the summary does');
  });

  test('section links are the best matching sections first, not document order', async () => {
    const answer = await engine.search('inhaler technique ');
    const top = answer.results[0].fragment;
    assert.equal(top.url, '/guidelines/inhalers/');
    const sections = SearchEngine.matchingSections(top, answer.highlight);
    assert.equal(sections[0].id, 'inhaler-technique', sections.map((s) => s.id).join(', '));
    assert.notEqual(top.sections.find((s) => s[0] && sections.some((m) => m.id === s[0]))[0], 'inhaler-technique',
      'the best section is not the first that matches');
    const breath = await engine.search('breathless ');
    const guideline = breath.results.find((r) => r.fragment && r.fragment.url === '/guidelines/breathlessness/').fragment;
    assert.equal(SearchEngine.matchingSections(guideline, breath.highlight)[0].id, 'helping-people-live-with-breathlessness',
      'a heading with the word comes before text with it');
  });

  test('a section with more of the query\'s words comes first, and forms of one word count once', () => {
    const fragment = { url: '/g/', sections: [
      ['a', 'Inhalers', 'Inhaler and inhaled.'],
      ['b', 'Other', 'Check inhaler technique.'],
      ['c', 'Unrelated', 'Nothing here.'],
    ] };
    const highlight = ['inhaled', 'inhaler', 'inhalers', 'technique'];
    highlight.groups = [['inhaled', 'inhaler', 'inhalers'], ['technique']];
    assert.deepEqual(SearchEngine.matchingSections(fragment, highlight).map((s) => s.id), ['b', 'a']);
  });

  const CLINICAL = [
    ['breathless', '/guidelines/breathlessness/', 1, '/guidelines/copd/', 5],
    ['inhaler', '/guidelines/inhalers/', 1, '/guidelines/copd/', 3],
    ['wheeze', '/guidelines/asthma/adults/', 2, '/guidelines/copd/', 3],
  ];
  for (const [query, first, firstAt, other, otherAt] of CLINICAL) {
    test(`clinical “${query}”: ${first} by ${firstAt}, ${other} by ${otherAt}, guidelines before services that match as well`, async () => {
      const answer = await engine.search(query + ' ');
      const found = paths(answer);
      const rank = (url) => found.indexOf(url) + 1;
      assert.ok(rank(first) > 0 && rank(first) <= firstAt, `${first} at ${rank(first)}: ${found.slice(0, 8).join(', ')}`);
      assert.ok(rank(other) > 0 && rank(other) <= otherAt, `${other} at ${rank(other)}: ${found.slice(0, 8).join(', ')}`);
    });
  }

  test('“breathless”: the breathlessness guideline above the services titled “Breathlessness …”', async () => {
    const found = paths(await engine.search('breathless '));
    assert.equal(found[0], '/guidelines/breathlessness/');
    assert.ok(found.indexOf('/services/breathlessness-clinic-dorchester/') > 0);
  });
});

/** Each query's top three against one site, held to precision at 3 of 0.95
 *  and no query without results; prints P@3 and MRR for the closing note. */
function relevance(site, queries, searchEngine) {
  const scores = [];

  for (const [query, expected] of queries) {
    test(`${site}: “${query}” finds ${expected.join(' or ')} in the top three`, async () => {
      const answer = await searchEngine().search(query + ' ');
      const top = paths(answer).slice(0, 3);
      const rank = paths(answer).findIndex((p) => expected.includes(p)) + 1;
      scores.push({ query, hit: top.some((p) => expected.includes(p)), rank });
      assert.ok(answer.results.length > 0, `“${query}” found nothing`);
      assert.ok(top.some((p) => expected.includes(p)), `top three for “${query}”: ${top.join(', ')}`);
    });
  }

  test(`${site}: precision at 3 over every query meets the issue's bar of 0.95`, () => {
    assert.equal(scores.length, queries.length);
    const precision = scores.filter((s) => s.hit).length / scores.length;
    assert.ok(precision >= 0.95, `precision at 3 is ${precision.toFixed(3)}`);
  });

  after(() => {
    const precision = scores.filter((s) => s.hit).length / scores.length;
    const mrr = scores.reduce((sum, s) => sum + (s.rank ? 1 / s.rank : 0), 0) / scores.length;
    console.log(`# relevance, ${site}: ${scores.length} queries, precision at 3 ${precision.toFixed(3)}, MRR ${mrr.toFixed(3)}`);
  });
}

describe('relevance: GP and adviser queries against the example site', () => {
  relevance('example site', QUERIES, () => engine);

  test('query time once the files are cached (reported, not asserted)', async () => {
    const times = [];
    for (const [query] of QUERIES) {
      const started = process.hrtime.bigint();
      await engine.search(query + ' ');
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(`# query time in Node, files cached: median ${times[times.length >> 1].toFixed(2)} ms, slowest ${times[times.length - 1].toFixed(2)} ms`);
  });
});

describe('relevance: the lexicon on a second site with no synonyms of its own (issue 21)', () => {
  relevance('second site', SECOND_SITE_QUERIES, () => second);

  test('the second site has no synonyms of its own: its groups are the built-in lexicon\'s', () => {
    assert.doesNotMatch(readFileSync(join(REPO, 'tests/fixtures/lexicon-site/site.yaml'), 'utf8'), /^synonyms:/m);
  });

  test('a real word is never corrected into another; a word known nowhere still is', async () => {
    for (const query of ['giraffe', 'kettle', 'wardrobe']) {
      const answer = await second.search(query + ' ');
      assert.deepEqual(answer.corrections, [], `“${query}” is English: left as typed`);
    }
    const brown = await second.search('brown inhaler ');
    assert.deepEqual(brown.corrections, [], '“brown” is not “broken”');
    assert.ok(!paths(brown).slice(0, 3).includes('/services/handyperson-and-boiler-repairs/'), paths(brown).join(', '));
    const puffer = await second.search('puffer ');
    assert.deepEqual(puffer.corrections, [], '“puffer” is not “prefer”');
    const typo = await second.search('inhlaer ');
    assert.deepEqual(typo.corrections, [{ from: 'inhlaer', to: 'inhaler' }]);
  });

  test('the known-word filter hashes as the Rust writer does (src/search/engine/known.rs)', async () => {
    // The same word, bits and filter size as known.rs's unit test: a filter
    // of 1,000 bits with only puffer's bits set holds "puffer" and not "prefer".
    const bits = new Uint8Array(125);
    for (const bit of [525, 670, 111, 552, 697, 138, 283]) bits[bit >> 3] |= 1 << (bit & 7);
    const files = {
      'entry.json': { meta: 'meta.json' },
      'meta.json': { docs: 0, impact_scale: 255, shards: [['', 'shards/s.json']], fragment_group: 128, fragments: [], filters: {},
        synonyms: 'synonyms.json', vocabulary: { p: 'vocabulary/p.json' }, known_words: { hashes: 7, files: { p: 'known/p.bin' } } },
      'synonyms.json': { groups: [] },
      'shards/s.json': { forms: [['pressure', 0]], terms: [['pressur', 1, '']] },
      'vocabulary/p.json': { words: ['prefer', 'pressure'] },
      'known/p.bin': bits,
    };
    const loader = { json: async (url) => files[url], bytes: async (url) => files[url] };
    const small = await SearchEngine.load('', { loader });
    assert.deepEqual((await small.search('puffer ')).corrections, [], 'puffer is in the filter');
    assert.deepEqual((await small.search('pruffer ')).corrections, [{ from: 'pruffer', to: 'prefer' }], 'pruffer is not');
  });

  test('a phrase the lexicon knows counts as a unit, and as words when no page has any wording of it', async () => {
    const phrase = await second.search('short of breath ');
    assert.equal(paths(phrase)[0], '/guidelines/breathlessness/', paths(phrase).join(', '));
    assert.ok(phrase.highlight.includes('breathlessness') && phrase.highlight.includes('dyspnoea'), phrase.highlight.join(' '));
    // "gas and electric bill" is one clause: a page needs a wording of the whole
    // phrase, not the word "and" (nearly every page has it).
    const bill = await second.search('gas and electric bill ');
    assert.equal(paths(bill)[0], '/services/energy-bill-support/', paths(bill).join(', '));
    assert.ok(!paths(bill).includes('/guidelines/heart-failure/'), `a page with only “and”: ${paths(bill).join(', ')}`);
    // "home visit" is in the lexicon, but no page of this site says any of its
    // wordings: its words still find pages, each with some of them.
    const visit = await second.search('home visit ');
    assert.ok(visit.results.length > 0, 'a known phrase no page holds falls back to its words');
    assert.ok(paths(visit).includes('/services/befriending-eastbrook/'), paths(visit).join(', '));
  });
});

describe('no dead ends, typos, prefixes and filters', () => {
  test('a question no page answers word for word still finds pages, and says so', async () => {
    const answer = await engine.search('back to work after illness ');
    assert.ok(answer.results.length > 0);
    assert.equal(answer.allWords, false, 'no page has every word');
    assert.equal(answer.results[0].allWords, false);
    assert.ok(answer.highlight.includes('illness') && !answer.highlight.includes('to'),
      'a word in most pages is not marked when the query has rarer ones: ' + answer.highlight.join(' '));
    // Known weakness, reported rather than asserted: "sent back to the practice
    // within ten working days" outranks the service whose title is "Work".
    const rank = paths(answer).indexOf('/services/work-and-health-support/') + 1;
    console.log(`# "back to work after illness": ${answer.results.length} results, work-and-health-support at ${rank}`);
    assert.ok(rank > 0 && rank <= 10, `work-and-health-support at ${rank}`);
  });

  test('pages with every word come before pages with some', async () => {
    const answer = await engine.search('cold home weymouth ');
    assert.equal(answer.allWords, true);
    const firstPartial = answer.results.findIndex((r) => !r.allWords);
    assert.ok(firstPartial > 0 && answer.results.slice(firstPartial).every((r) => !r.allWords), 'all-words results first');
  });

  test('a slip on the first letter is corrected too', async () => {
    const answer = await engine.search('slabutamol ');
    assert.deepEqual(answer.corrections, [{ from: 'slabutamol', to: 'salbutamol' }]);
    assert.ok(paths(answer).slice(0, 3).includes('/guidelines/asthma/adults/'), paths(answer).join(', '));
  });

  test('a misspelt word is corrected and says so', async () => {
    const answer = await engine.search('inhlaer technique ');
    assert.deepEqual(answer.corrections, [{ from: 'inhlaer', to: 'inhaler' }]);
    assert.ok(paths(answer).slice(0, 3).includes('/guidelines/inhalers/'), paths(answer).join(', '));
  });

  test('the last word matches as a prefix while typing, not once a space follows', async () => {
    const typing = await engine.search('pulmonary reha');
    assert.ok(paths(typing).slice(0, 3).every((p) => p.includes('/pulmonary-rehab')), paths(typing).join(', '));
    const typed = await engine.search('pulmonary reha ');
    assert.equal(typing.allWords, true, '"reha" completes to "rehab" while typing');
    assert.equal(typed.allWords, false, 'with a space after it, "reha" is a finished word, which no page has');
    const done = await engine.search('xyzzyq ');
    assert.equal(done.results.length, 0, 'a word in no page, no correction and no synonym finds nothing');
  });

  test('words that name JavaScript internals are just words', async () => {
    const odd = await engine.search('constructor __proto__ tostring ');
    assert.ok(Array.isArray(odd.results));
    // "proto" is no English word and no page's: the lexicon's "proton" (pump inhibitor) is the nearest.
    assert.deepEqual(odd.words, ['constructor', 'proton', 'testing'], 'looked up and corrected like any word');
  });

  test('filters narrow the results, and demoted guidance ranks below current', async () => {
    const services = await engine.search('copd ', { filters: { type: ['Service'] }, counts: true });
    assert.ok(services.results.length > 0 && services.results.every((r) => !r.fragment || r.fragment.kind === 'Service'));
    assert.equal(services.counts.type.Service, services.results.length, 'a count is what choosing the value shows');
    assert.ok(services.counts.type.Guideline > 0, 'other values of the chosen filter keep their counts');
    const everything = await engine.search('copd ', { counts: true });
    assert.equal(everything.counts.type.Service, services.results.length);
    assert.equal(everything.counts.type.Service + everything.counts.type.Guideline + (everything.counts.type.Page || 0),
      everything.results.length, 'each result has one type');
    assert.ok(everything.counts.type.Guideline > 0 && everything.counts.condition.COPD > 0, JSON.stringify(everything.counts));
    const browsed = await engine.search('', { filters: { type: ['Service'] }, counts: true });
    assert.equal(browsed.results.length, browsed.counts.type.Service, 'filters without words list what they select');
    assert.ok(browsed.results.length > services.results.length && browsed.results.every((r) => !r.fragment || r.fragment.kind === 'Service'));
    const all = await engine.search('copd ', { limit: 50 });
    const current = paths(all).indexOf('/guidelines/copd/');
    const superseded = paths(all).indexOf('/guidelines/copd-2023/');
    assert.ok(current >= 0 && superseded > current, `current ${current}, superseded ${superseded}`);
  });

  test('browsing a list: a directory, named counts, no fragments, a card to draw', async () => {
    // filters.js pages a directory's services this way (docs/paging.md).
    const directory = { directory: ['/directories/respiratory/'] };
    const answer = await engine.search('', { filters: directory, counts: ['category', 'referral'], limit: 0 });
    assert.ok(answer.results.length > 5, `${answer.results.length} respiratory services`);
    assert.ok(answer.results.every((r) => !r.fragment), 'limit 0 fetches no fragment');
    assert.deepEqual(Object.keys(answer.counts).sort(), ['category', 'referral'], 'only the filters asked for are counted');
    const rehab = answer.counts.category['Pulmonary rehabilitation'];
    const narrowed = await engine.search('', { filters: { ...directory, category: ['Pulmonary rehabilitation'] }, limit: 0 });
    assert.equal(narrowed.results.length, rehab, 'a count is what choosing the value shows');
    const fragment = await engine.fragment(narrowed.results[0].doc);
    assert.match(fragment.meta.card, /^<article class="card service-card"/, 'the card the build drew');
    // Open now: one value per distinct set of hours, each naming its services.
    const hours = await engine.search('', { filters: { type: ['Service'] }, counts: ['hours'], limit: 0 });
    const values = Object.keys(hours.counts.hours);
    assert.ok(values.length > 1 && values.every((v) => /^[a-z]{3}(,[a-z]{3})* \d\d:\d\d-\d\d:\d\d/.test(v)), values.join(' | '));
  });

  test('results carry what the page shows: fragment, highlight forms, sub-results by heading', async () => {
    const answer = await engine.search('rescue pack ');
    const top = answer.results[0].fragment;
    assert.ok(top.url && top.title && top.kind && top.meta, JSON.stringify(top));
    assert.ok(answer.highlight.includes('rescue'));
    const sections = SearchEngine.matchingSections(top, answer.highlight);
    assert.ok(sections.every((s) => s.url.startsWith(top.url + '#')));
    const parts = SearchEngine.excerpt(top, answer.highlight);
    assert.ok(parts.some((p) => p.mark && /rescue/i.test(p.text)), JSON.stringify(parts));
    assert.ok(parts.every((p) => !p.mark || SearchEngine.words(p.text).some((w) => answer.highlight.includes(w))));
  });

  test('a first query reads only meta, synonyms, a shard and the results’ fragments', async () => {
    read = new Map();
    const fresh = await SearchEngine.load('search/engine/', { loader: diskLoader(out) });
    await fresh.search('the');
    const files = [...read.keys()];
    const total = [...read.values()].reduce((a, b) => a + b, 0);
    const index = files.filter((f) => !f.includes('/fragments/'));
    const indexBytes = index.reduce((n, f) => n + read.get(f), 0);
    console.log(`# first query for "the": ${index.length} index files, ${indexBytes} bytes; with ${files.length - index.length} fragments ${total} bytes`);
    assert.ok(!files.some((f) => f.includes('vocabulary/') || f.includes('/filters/')), files.join('\n'));
    assert.ok(total < 100 * 1024, `${total} bytes`);
  });
});

describe('common words: an impact-ordered head, and the tail only when needed', () => {
  // A hand-made index of five documents: "common" is in all five, split into a
  // head (its two highest impacts) and a tail, as the writer splits a term in
  // more than 2,000 documents; "rare" is in document 2 only, which sits in
  // the tail of "common".
  const varints = (pairs) => {
    const bytes = [];
    let previous = null;
    for (const [doc, impact] of pairs) {
      let gap = previous === null ? doc : doc - previous;
      while (gap >= 0x80) { bytes.push((gap & 0x7f) | 0x80); gap >>>= 7; }
      bytes.push(gap, impact);
      previous = doc;
    }
    return Uint8Array.from(bytes);
  };
  const files = {
    'entry.json': { meta: 'meta.json' },
    'meta.json': {
      docs: 5, impact_scale: 255, shards: [['common', 'shards/s.json']], fragment_group: 128, fragments: ['g'],
      filters: {}, synonyms: 'synonyms.json', vocabulary: { c: 'vocabulary/c.json' },
    },
    'synonyms.json': { groups: [] },
    'vocabulary/c.json': { words: ['common'] },
    'shards/s.json': {
      forms: [['common', 0], ['rare', 1]],
      terms: [
        ['common', 5, { head: 'postings/head.bin', tail: 'postings/tail.bin', tail_max: 60 }],
        ['rare', 1, Buffer.from(varints([[2, 100]])).toString('base64')],
      ],
    },
    'postings/head.bin': varints([[1, 200], [3, 180]]),
    'postings/tail.bin': varints([[0, 50], [2, 60], [4, 40]]),
  };
  for (let d = 0; d < 5; d++) files[`fragments/g/${d}.json`] = { url: `/doc/${d}/`, title: `Doc ${d}`, kind: 'Page', meta: {}, sections: [] };
  const memory = (read) => ({
    json: async (url) => { read.push(url); return files[url]; },
    bytes: async (url) => { read.push(url); return files[url]; },
  });
  const docs = (answer) => answer.results.map((r) => r.doc);

  test('one word reads only the head, ranks it exactly and still knows how many pages have it', async () => {
    const read = [];
    const small = await SearchEngine.load('', { loader: memory(read) });
    const head = await small.search('common ');
    assert.deepEqual(docs(head), [1, 3]);
    assert.equal(head.complete, false);
    assert.equal(head.total, 5);
    assert.ok(!read.includes('postings/tail.bin'), read.join(', '));
    const all = await small.search('common ', { complete: true });
    assert.deepEqual(docs(all), [1, 3, 2, 0, 4], 'the head is the top of the whole ranking');
    assert.equal(all.complete, true);
  });

  test('two words read the tail, so a page with both is found even if one sits in a tail', async () => {
    const small = await SearchEngine.load('', { loader: memory([]) });
    const both = await small.search('common rare ');
    assert.equal(both.results[0].doc, 2);
    assert.equal(both.results[0].allWords, true);
    assert.equal(both.results.filter((r) => r.allWords).length, 1);
  });
});
