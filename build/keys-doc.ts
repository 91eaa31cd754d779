// Regenerates the key section of README.md from the key table.
import {readFileSync, writeFileSync} from 'node:fs';
import {withKeys} from '../source/app/keys-doc.js';

writeFileSync('README.md', withKeys(readFileSync('README.md', 'utf8')));
