// Bytes a browser would fetch for a first query (empty cache) on signpost's own
// search index (experimental, issue 9), for the ten commonest words of a built
// site and a few typical ones. Reads the files from disk through the real query
// script (themes/default/static/js/search-engine.js).
//
//   signpost build --root SITE --output OUT
//   node bench/search-engine-bytes.mjs OUT [word ...]

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commonestWords } from './lib.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SearchEngine = createRequire(import.meta.url)(join(REPO, 'themes/default/static/js/search-engine.js'));
const [out, ...typical] = process.argv.slice(2);
if (!out) throw new Error('usage: node bench/search-engine-bytes.mjs OUT [word ...]');
const root = join(out, 'search/engine');

function loader(read) {
  const file = (url) => { const b = readFileSync(join(root, url)); read.set(url, b.length); return b; };
  return { json: async (u) => JSON.parse(file(u).toString('utf8')), bytes: async (u) => new Uint8Array(file(u)) };
}

const commonest = commonestWords(out, 10);
const words = [...commonest.map((t) => t.form), ...typical];

console.log('| word | documents | index files | index bytes | + 10 fragments | total bytes |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const word of words) {
  const read = new Map();
  const engine = await SearchEngine.load('./', { loader: loader(read) });
  const answer = await engine.search(word);
  const files = [...read.keys()];
  const index = files.filter((f) => !f.includes('fragments/'));
  const indexBytes = index.reduce((n, f) => n + read.get(f), 0);
  const total = files.reduce((n, f) => n + read.get(f), 0);
  console.log(`| ${word} | ${answer.total} | ${index.length} | ${indexBytes} | ${files.length - index.length} | ${total} |`);
}
