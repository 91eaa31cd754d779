/** The build-time catalog of the shipped lessons: equal to loading them, and never used once out of date. */
import {cpSync, mkdtempSync, rmSync, utimesSync, writeFileSync, appendFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {describe, expect, test} from 'vitest';
import {LABS} from '../../source/labs.js';
import {loadCatalog} from '../../source/lessons/load.js';
import {loadPrecompiled, precompile} from '../../source/lessons/precompiled.js';

function copyOfLessons(): {dir: string; cache: string} {
	const root = mkdtempSync(join(tmpdir(), 'synack-pre-'));
	const dir = join(root, 'lessons');
	cpSync(resolve('lessons'), dir, {recursive: true});
	const cache = join(root, 'catalog.json');
	writeFileSync(cache, JSON.stringify(precompile(dir, loadCatalog({dirs: [dir], labs: LABS}))));
	return {dir, cache};
}

describe('precompiled catalog', () => {
	test('equals loading the lessons, with file paths where the lessons are now', () => {
		const {dir, cache} = copyOfLessons();
		const moved = join(mkdtempSync(join(tmpdir(), 'synack-moved-')), 'lessons');
		cpSync(dir, moved, {recursive: true});
		expect(loadPrecompiled(cache, moved)).toEqual(loadCatalog({dirs: [moved], labs: LABS}));
	});

	test('an edited, added or removed lesson makes it unusable', () => {
		const {dir, cache} = copyOfLessons();
		expect(loadPrecompiled(cache, dir)).not.toBeNull();
		appendFileSync(join(dir, 'en', '02-tcp-handshake.md'), '\nOne more line.\n');
		expect(loadPrecompiled(cache, dir)).toBeNull();

		const b = copyOfLessons();
		writeFileSync(join(b.dir, 'zh', '09-new.md'), 'x');
		expect(loadPrecompiled(b.cache, b.dir)).toBeNull();

		const c = copyOfLessons();
		rmSync(join(c.dir, 'zh', '03-tcp-teardown.md'));
		expect(loadPrecompiled(c.cache, c.dir)).toBeNull();

		const d = copyOfLessons();
		utimesSync(join(d.dir, 'en', '03-tcp-teardown.md'), new Date(), new Date(Date.now() + 5000));
		expect(loadPrecompiled(d.cache, d.dir)).not.toBeNull(); // a touched but unchanged file is still fine
	});

	test('a missing or corrupt cache file is ignored', () => {
		const {dir, cache} = copyOfLessons();
		writeFileSync(cache, '{"version":2,"stamps":');
		expect(loadPrecompiled(cache, dir)).toBeNull();
		expect(loadPrecompiled(join(dir, 'nope.json'), dir)).toBeNull();
	});
});
