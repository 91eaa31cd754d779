/**
 * What the built CLI loads just by starting (it evaluates the whole bundle, Ink and its layout
 * engine included, before reading its arguments): neither OpenSSL (node:crypto, node:tls) nor
 * undici's HTTP stack. Yoga's loader would fetch its own WebAssembly through undici
 * (build/plugins.mjs yogaWithoutFetch) and write-file-atomic requires node:crypto when evaluated
 * (it loads on the first save: lazyPackages); each cost start-up time and memory.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect, test} from 'vitest';

test('starting the built CLI loads no crypto, TLS or HTTP module', () => {
	const probe = join(mkdtempSync(join(tmpdir(), 'synack-probe-')), 'probe.mjs');
	writeFileSync(probe, "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));\n");
	const r = spawnSync(process.execPath, ['--import', probe, 'bundle/cli.mjs', '--version'], {encoding: 'utf8'});
	expect(r.status).toBe(0);
	const loaded = JSON.parse(r.stderr) as string[];
	expect(loaded).toContain('NativeModule tty'); // the list is the real one
	expect(loaded.filter((m) => /\b(crypto|tls|https?|http2|undici)\b/.test(m))).toEqual([]);
});
