/**
 * build/esbuild-node.mjs asciiOnly: the bundle is all ASCII (V8 then keeps its source as a
 * one-byte string), and escaping what esbuild leaves (comments, regular expression literals)
 * must not change what the code does.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect, test} from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import {nodeBundle} from '../../build/esbuild-node.mjs';

test('regular expressions with non-ASCII characters match the same after the bundle is made ASCII', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'synack-ascii-'));
	const entry = join(dir, 'main.js');
	writeFileSync(
		entry,
		[
			'// a comment with an em dash — and an arrow →',
			'const line = "client: CLOSED → SYN-SENT — ok 😀";',
			'const results = [',
			'  /^client: (\\S+) → (\\S+) — ok 😀$/.test(line),',
			'  /→/u.test(line),',
			'  /[😀]/u.test(line),',
			'  /^[^—]+—/.exec(line)[0],',
			'  "—→".length,',
			'];',
			'console.log(JSON.stringify(results));',
		].join('\n'),
	);
	const out = join(dir, 'out.mjs');
	await nodeBundle(entry, out, {minify: false});
	const text = readFileSync(out, 'utf8');
	// eslint-disable-next-line no-control-regex
	expect(/[^\x00-\x7f]/.test(text)).toBe(false);
	expect(JSON.parse(execFileSync(process.execPath, [out], {encoding: 'utf8'}))).toEqual([true, true, true, 'client: CLOSED → SYN-SENT —', 2]);
});
