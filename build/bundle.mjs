// Builds the single-file ESM bundle the CLI runs from (production React, no node_modules needed),
// and the catalog of the shipped lessons validated at build time.
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {nodeBundle, root} from './esbuild-node.mjs';

/** Every import of string-width goes through a memoising wrapper (see build/string-width-memo.js). */
export const memoStringWidth = {
	name: 'memo-string-width',
	setup(build) {
		const memo = fileURLToPath(new URL('string-width-memo.js', import.meta.url));
		build.onResolve({filter: /^string-width$/}, (args) => (args.importer === memo ? undefined : {path: memo}));
	},
};

await nodeBundle('source/cli.tsx', 'bundle/cli.mjs', {plugins: [memoStringWidth]});

// The shipped lessons, validated once at build time (bundle/catalog.json).
await nodeBundle('build/catalog.ts', 'bundle/build-catalog.mjs');
execFileSync(process.execPath, ['bundle/build-catalog.mjs'], {cwd: root, stdio: 'inherit'});
