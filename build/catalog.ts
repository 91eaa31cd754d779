// Reads and checks the shipped lessons and writes bundle/catalog.json (see source/lessons/precompiled.ts).
import {writeFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {LABS} from '../source/labs.js';
import {readFolder} from '../source/lessons/catalog.js';
import {precompile} from '../source/lessons/precompiled.js';

const dir = resolve('lessons');
writeFileSync('bundle/catalog.json', precompile(dir, readFolder(dir, LABS)));
