// Validates the shipped lessons and writes bundle/catalog.json (see source/lessons/precompiled.ts).
import {writeFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {LABS} from '../source/labs.js';
import {loadCatalog} from '../source/lessons/load.js';
import {precompile} from '../source/lessons/precompiled.js';

const dir = resolve('lessons');
writeFileSync('bundle/catalog.json', JSON.stringify(precompile(dir, loadCatalog({dirs: [dir], labs: LABS}))));
