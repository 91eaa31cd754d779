/**
 * What the built tutor loads before its first frame. In the single-file bundle every static
 * import of a Node module is hoisted to the top and runs at start, even when only a lazily
 * loaded command uses it: node:crypto or node:tls would load OpenSSL (about 2 MB of resident
 * memory) into every start of the tutor, and localeCompare an ICU collator (about 2 MB more).
 * The bundle is built by the test setup (test/global-setup.ts).
 */
import {readFileSync} from 'node:fs';
import {expect, test} from 'vitest';

const bundle = readFileSync('bundle/cli.mjs', 'utf8');
const staticImports = [...bundle.matchAll(/import\s*(?:[\w$]+|\*\s*as\s*[\w$]+|\{[^}]*\})\s*from\s*"([^"]+)"/g)].map((m) => m[1]!);

test('the bundle imports Node modules statically, but neither node:crypto nor node:tls', () => {
	expect(staticImports).toContain('node:fs');
	expect(staticImports.filter((m) => /^(node:)?(crypto|tls|https|http2)$/.test(m))).toEqual([]);
});

test('nothing in the bundle compares strings with an ICU collator', () => {
	expect(bundle).not.toContain('localeCompare');
});
