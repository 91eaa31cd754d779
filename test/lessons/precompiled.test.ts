/** The build-time read of the shipped lessons: equal to reading them, merged with other folders like them, never used once out of date. */
import {cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, appendFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {describe, expect, test} from 'vitest';
import {LABS} from '../../source/labs.js';
import {loadCatalog, mergeFolders, readFolder} from '../../source/lessons/catalog.js';
import {contentHash, loadPrecompiled, precompile} from '../../source/lessons/precompiled.js';

function copyOfLessons(): {dir: string; cache: string} {
	const root = mkdtempSync(join(tmpdir(), 'synack-pre-'));
	const dir = join(root, 'lessons');
	cpSync(resolve('lessons'), dir, {recursive: true});
	const cache = join(root, 'catalog.json');
	writeFileSync(cache, precompile(dir, readFolder(dir, LABS)));
	return {dir, cache};
}

describe('precompiled catalog', () => {
	test('equals reading the lessons, with file paths where the lessons are now (even with quotes and backslashes)', () => {
		const {dir, cache} = copyOfLessons();
		const moved = join(mkdtempSync(join(tmpdir(), 'synack-moved-')), 'les"sons \\ "file":"x');
		cpSync(dir, moved, {recursive: true});
		const folder = loadPrecompiled(cache, moved);
		expect(folder).toEqual(readFolder(moved, LABS));
		expect(folder!.loaded.en[0]!.lesson.file.startsWith(`${moved}/en/`)).toBe(true);
		expect(mergeFolders([folder!])).toEqual(loadCatalog({dirs: [moved], labs: LABS}));
	});

	test('merged with a learner\'s folder, it gives the catalog of loading both from source', () => {
		const {dir, cache} = copyOfLessons();
		// A folder with a lesson that reuses a shipped id and one that breaks: the checks across folders still run.
		const mine = mkdtempSync(join(tmpdir(), 'synack-mine-'));
		cpSync(resolve('test/fixtures/lessons/broken'), mine, {recursive: true});
		writeFileSync(join(mine, 'en', 'dup.md'), readFileSync(join(dir, 'en', '02-tcp-handshake.md'), 'utf8'));
		const merged = mergeFolders([loadPrecompiled(cache, dir)!, readFolder(mine, LABS)]);
		const fromSource = loadCatalog({dirs: [dir, mine], labs: LABS});
		expect(merged).toEqual(fromSource);
		expect(merged.problems.some((p) => p.file === join(mine, 'en', 'dup.md') && /duplicate lesson id/.test(p.message))).toBe(true);
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

	test('the content hash is cyrb53 (its published values) and tells one-letter edits apart', () => {
		expect(['a', 'b', 'revenge', 'revenue'].map((w) => contentHash(Buffer.from(w)))).toEqual([7929297801672961, 8684336938537663, 4051478007546757, 8309097637345594]);
		const text = readFileSync(resolve('lessons/en/02-tcp-handshake.md'));
		const seen = new Set([contentHash(text)]);
		for (let i = 0; i < text.length; i += 97) {
			const edited = Buffer.from(text);
			edited[i] = edited[i]! ^ 1;
			seen.add(contentHash(edited));
		}
		expect(seen.size).toBe(1 + Math.ceil(text.length / 97));
	});
});
