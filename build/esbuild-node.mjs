// The one esbuild setup for everything that runs as a Node ESM bundle: the CLI, its build-time
// helpers and the benchmark's programs (so the baseline is built exactly like the CLI).
import {build} from 'esbuild';
import {fileURLToPath} from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

export function nodeBundle(entry, outfile, extra = {}) {
	return build({
		absWorkingDir: root,
		entryPoints: [entry],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		jsx: 'automatic',
		// ink imports react-devtools-core statically; the bundle never uses it (TOOLCHAIN.md gotcha 7).
		alias: {'react-devtools-core': './build/devtools-stub.js'},
		define: {'process.env.NODE_ENV': '"production"'},
		// CommonJS dependencies call require() and read __filename (write-file-atomic names its
		// temporary files with it); an ESM bundle has neither of its own.
		banner: {
			js: "import {createRequire as __synackRequire} from 'node:module'; import {fileURLToPath as __synackPath} from 'node:url'; const require = __synackRequire(import.meta.url); const __filename = __synackPath(import.meta.url);",
		},
		logLevel: 'warning',
		...extra,
	});
}
