// Builds the single-file ESM bundle the CLI runs from (production React, no node_modules needed).
import {build} from 'esbuild';
import {fileURLToPath} from 'node:url';

/** Every import of string-width goes through a memoising wrapper (see build/string-width-memo.js). */
export const memoStringWidth = {
	name: 'memo-string-width',
	setup(build) {
		const memo = fileURLToPath(new URL('string-width-memo.js', import.meta.url));
		build.onResolve({filter: /^string-width$/}, (args) => (args.importer === memo ? undefined : {path: memo}));
	},
};

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
	absWorkingDir: root,
	entryPoints: ['source/cli.tsx'],
	outfile: 'bundle/cli.mjs',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	alias: {'react-devtools-core': './build/devtools-stub.js'},
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {
		js: "import {createRequire as __synackRequire} from 'node:module'; const require = __synackRequire(import.meta.url);",
	},
	plugins: [memoStringWidth],
	logLevel: 'warning',
});

// The shipped lessons, validated once at build time (bundle/catalog.json).
await build({
	absWorkingDir: root,
	entryPoints: ['build/catalog.ts'],
	outfile: 'bundle/build-catalog.mjs',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	banner: {js: "import {createRequire as __r} from 'node:module'; const require = __r(import.meta.url);"},
	logLevel: 'warning',
});
const {execFileSync} = await import('node:child_process');
execFileSync(process.execPath, ['bundle/build-catalog.mjs'], {cwd: root, stdio: 'inherit'});
