/**
 * build/plugins.mjs lazyPackages: an app source importing a listed package gets stand-ins that
 * load the package on first use. Bundled and run for real: the package's code must not run
 * until the first call, then run once; calls, `new`, static members and instanceof behave as
 * with the package itself; importing something that is not a function or class fails the build.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import {nodeBundle} from '../../build/esbuild-node.mjs';
// @ts-expect-error: a plain .mjs build script without types
import {lazyPackages} from '../../build/plugins.mjs';

const target = fileURLToPath(new URL('fixtures/lazy-target.mjs', import.meta.url));
const cjsTarget = fileURLToPath(new URL('fixtures/lazy-target-cjs.cjs', import.meta.url));

function app(code: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'synack-lazy-'));
	mkdirSync(join(dir, 'source'));
	const entry = join(dir, 'source', 'main.js');
	writeFileSync(entry, code);
	return entry;
}

test('the package runs on first use, once, and its functions and classes work through the stand-ins', async () => {
	const entry = app(`
		import {double, Counter} from ${JSON.stringify(target)};
		const seen = {before: globalThis.lazyTargetRuns ?? 0};
		seen.double = double(21);
		seen.afterFirstCall = globalThis.lazyTargetRuns;
		const c = new Counter(5);
		seen.next = c.next();
		seen.isCounter = c instanceof Counter;
		seen.zero = Counter.zero().value;
		seen.staticIsCounter = Counter.zero() instanceof Counter;
		seen.runs = globalThis.lazyTargetRuns;
		console.log(JSON.stringify(seen));
	`);
	const out = join(mkdtempSync(join(tmpdir(), 'synack-lazy-out-')), 'main.mjs');
	await nodeBundle(entry, out, {plugins: [lazyPackages([target])]});
	const seen = JSON.parse(execFileSync(process.execPath, [out], {encoding: 'utf8'}));
	expect(seen).toEqual({before: 0, double: 42, afterFirstCall: 1, next: 6, isCounter: true, zero: 0, staticIsCounter: true, runs: 1});
});

test('a package never called never runs', async () => {
	const entry = app(`
		import {double} from ${JSON.stringify(target)};
		console.log(JSON.stringify({runs: globalThis.lazyTargetRuns ?? 0, standIn: typeof double}));
	`);
	const out = join(mkdtempSync(join(tmpdir(), 'synack-lazy-out-')), 'main.mjs');
	await nodeBundle(entry, out, {plugins: [lazyPackages([target])]});
	expect(JSON.parse(execFileSync(process.execPath, [out], {encoding: 'utf8'}))).toEqual({runs: 0, standIn: 'function'});
});

test('importing a constant from a lazy package fails the build instead of being undefined', async () => {
	const entry = app(`import {LIMIT} from ${JSON.stringify(target)}; console.log(LIMIT);`);
	const out = join(mkdtempSync(join(tmpdir(), 'synack-lazy-out-')), 'main.mjs');
	await expect(nodeBundle(entry, out, {plugins: [lazyPackages([target])], logLevel: 'silent'})).rejects.toThrow(/No matching export/);
});

test('a CommonJS package whose exports are a function (write-file-atomic): the default import and its properties work, on first use', async () => {
	const entry = app(`
		import write from ${JSON.stringify(cjsTarget)};
		const seen = {before: globalThis.lazyCjsRuns ?? 0};
		seen.call = write('a');
		seen.sync = write.sync('b');
		seen.runs = globalThis.lazyCjsRuns;
		console.log(JSON.stringify(seen));
	`);
	const out = join(mkdtempSync(join(tmpdir(), 'synack-lazy-out-')), 'main.mjs');
	await nodeBundle(entry, out, {plugins: [lazyPackages([cjsTarget])]});
	expect(JSON.parse(execFileSync(process.execPath, [out], {encoding: 'utf8'}))).toEqual({before: 0, call: 'async a', sync: 'sync b', runs: 1});
});
