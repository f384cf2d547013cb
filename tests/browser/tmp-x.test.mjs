import { after } from 'node:test';
import { tearDown } from './helper.mjs';
import './checks/preview.mjs';
import './checks/editor.mjs';
import './checks/editor-lists.mjs';
import './checks/editor-body.mjs';
after(tearDown);
