// esbuild plugins for the CLI bundle (build/bundle.mjs).
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

/**
 * Ink's layout engine (yoga-layout 3.2.1) carries its WebAssembly as base64 and, being
 * Emscripten output for browsers too, loads it with `fetch(dataURL)` when fetch exists. In Node
 * that first fetch loads undici, and with it http, tls and crypto (OpenSSL): about 25 ms of every
 * start and a few MB of memory, for a base64 decode. Here the loader takes its own synchronous
 * path (the one it uses where there is no fetch). The build fails if the code is not the one
 * this was written for.
 */
export const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(build) {
		build.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async (args) => {
			const code = await readFile(args.path, 'utf8');
			const uses = code.split('"function"!=typeof fetch').length - 1;
			if (uses !== 2) throw new Error(`yoga-without-fetch: expected 2 fetch checks in ${args.path}, found ${uses} (yoga-layout changed: review build/plugins.mjs)`);
			return {contents: code.replaceAll('"function"!=typeof fetch', '!0'), loader: 'js'};
		});
	},
};

/** Every import of string-width goes through a memoising wrapper (see build/string-width-memo.js). */
export const memoStringWidth = {
	name: 'memo-string-width',
	setup(build) {
		const memo = fileURLToPath(new URL('string-width-memo.js', import.meta.url));
		build.onResolve({filter: /^string-width$/}, (args) => (args.importer === memo ? undefined : {path: memo}));
	},
};

/**
 * Three of ink's modules are replaced, each by a file with the same interface and results:
 * its frame buffer (build/output.js → build/ink-output.js: far less garbage per frame) and its
 * text wrapping and measuring caches (build/wrap-text.js, build/measure-text.js →
 * build/ink-text-caches.js: bounded instead of growing for as long as the app runs).
 */
const INK_REPLACEMENTS = {
	'./output.js': 'ink-output.js',
	'./wrap-text.js': 'ink-wrap-text.js',
	'./measure-text.js': 'ink-measure-text.js',
};

export const inkReplacements = {
	name: 'ink-replacements',
	setup(build) {
		build.onResolve({filter: /^\.\/(output|wrap-text|measure-text)\.js$/}, (args) =>
			/[\\/]node_modules[\\/]ink[\\/]build$/.test(args.resolveDir)
				? {path: fileURLToPath(new URL(INK_REPLACEMENTS[args.path], import.meta.url))}
				: undefined,
		);
	},
};

/**
 * Packages whose code runs only when the app first calls into them. An import of one of them
 * from the app's sources gets stand-ins instead: one per function or class the package exports,
 * each loading the real package (bundled as usual; esbuild initialises a module reached only by
 * require() when that require() first runs) and passing the call, `new`, or property access on.
 *
 * For the lesson map's first frame this means yaml (needed only to read lessons from source and
 * for `synack sim`) and marked (needed only when a lesson page or a quiz is laid out) cost
 * nothing: about 7 ms of start-up that was spent building marked's rules and yaml's classes.
 * Only functions and classes can stand in; importing anything else from such a package fails
 * the build ("No matching export"), so nothing can silently be undefined.
 */
export function lazyPackages(specifiers) {
	const namespace = 'lazy-package';
	return {
		name: 'lazy-packages',
		async setup(build) {
			const exported = new Map();
			for (const specifier of specifiers) {
				const module = await import(specifier);
				// A default export that is a function stands in too (a CommonJS package's module.exports).
				exported.set(specifier, Object.keys(module).filter((key) => typeof module[key] === 'function'));
			}
			build.onResolve({filter: /.*/}, (args) => {
				if (!exported.has(args.path) || args.namespace === namespace || !/[\\/]source[\\/]/.test(args.importer)) return undefined;
				return {path: args.path, namespace};
			});
			build.onLoad({filter: /.*/, namespace}, (args) => ({
				loader: 'js',
				resolveDir: fileURLToPath(new URL('..', import.meta.url)),
				contents: [
					'let real;',
					`const load = () => (real ??= require(${JSON.stringify(args.path)}));`,
					// require() gives an ES module's namespace (its default under .default) or a CommonJS module's exports (the default itself).
					"const pick = (key) => { const m = load(); return key === 'default' && !m.__esModule ? m : m[key]; };",
					'const standIn = (key) => {',
					'\tconst proxy = new Proxy(function () {}, {',
					'\t\tapply: (_, self, args) => Reflect.apply(pick(key), self, args),',
					'\t\tconstruct: (_, args, newTarget) => Reflect.construct(pick(key), args, newTarget === proxy ? pick(key) : newTarget),',
					'\t\tget: (_, property) => Reflect.get(pick(key), property),',
					'\t\tset: (_, property, value) => Reflect.set(pick(key), property, value),',
					'\t\thas: (_, property) => Reflect.has(pick(key), property),',
					'\t});',
					'\treturn proxy;',
					'};',
					...exported.get(args.path).map((key) => (key === 'default' ? `export default standIn('default');` : `export const ${key} = standIn(${JSON.stringify(key)});`)),
				].join('\n'),
			}));
		},
	};
}
