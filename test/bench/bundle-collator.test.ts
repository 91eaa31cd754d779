/**
 * What the built tutor loads that the hello-world baseline does not: nothing big. An ICU collator
 * (any localeCompare) costs about 2.3 MB of resident memory the moment it is first used; meow's
 * dependencies used one at every start. (node:crypto and node:tls are loaded at start by Ink's
 * layout engine in both apps: yoga-layout's loader calls fetch, and undici brings them.)
 * The bundle is built by the test setup (test/global-setup.ts).
 */
import {readFileSync} from 'node:fs';
import {expect, test} from 'vitest';

const bundle = readFileSync('bundle/cli.mjs', 'utf8');

test('nothing in the bundle compares strings with an ICU collator', () => {
	expect(bundle).not.toContain('localeCompare');
});
