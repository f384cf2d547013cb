// The browser suite's only entry point: `node --test` runs this file, in one
// process, so that every check shares one build, one server and one Chromium.
// Each module in checks/ registers its tests when imported; they run in order.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { isLocal, requests, tearDown } from './helper.mjs';

import './checks/accessibility.mjs';
import './checks/keyboard.mjs';
import './checks/structure.mjs';
import './checks/behaviour.mjs';
import './checks/facets.mjs';
import './checks/no-javascript.mjs';
import './checks/look.mjs';
import './checks/print.mjs';
import './checks/pathways.mjs';
import './checks/weight.mjs';
import './checks/search.mjs';
import './checks/open-now.mjs';
import './checks/shortlist.mjs';
import './checks/preview.mjs';
import './checks/editor.mjs';
import './checks/editor-lists.mjs';
import './checks/editor-body.mjs';
import './checks/editor-new.mjs';
import './checks/areas.mjs';
import './checks/phone.mjs';
import './checks/phone-search.mjs';
import './checks/phones.mjs';
import './checks/area-key.mjs';
import './checks/review-state.mjs';
import './checks/hostile.mjs';
import './checks/paging.mjs';
import './checks/csp.mjs';
import './checks/feedback.mjs';
import './checks/postcodes.mjs';
import './checks/offline.mjs';

test('no request left 127.0.0.1 during the whole suite', () => {
  assert.ok(requests.length > 0, 'the request listener saw no requests at all');
  const foreign = [...new Set(requests.filter((u) => !isLocal(u)))];
  assert.deepEqual(foreign, [], `requests to other hosts:\n${foreign.join('\n')}`);
});

after(tearDown);
