// The one esbuild setup for everything that runs as a Node ESM bundle: the CLI, its build-time
// helpers and the benchmark's programs (so the baseline is built exactly like the CLI).
import {build} from 'esbuild';
import {readFileSync, writeFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

export async function nodeBundle(entry, outfile, extra = {}) {
	const result = await build({
		absWorkingDir: root,
		entryPoints: [entry],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		jsx: 'automatic',
		// ink imports react-devtools-core statically; the bundle never uses it (TOOLCHAIN.md gotcha 7),
		// nor the WebSocket package ink's devtools need (build/ws-stub.js).
		alias: {'react-devtools-core': './build/devtools-stub.js', ws: './build/ws-stub.js'},
		define: {'process.env.NODE_ENV': '"production"'},
		// Half the source for V8 to parse and hold (identifiers too): 6–8 MB less peak RSS in the
		// tutor's lab, about 2 MB less for a bare Ink app; the start-up time is the same.
		minify: true,
		// CommonJS dependencies call require() and read __filename (write-file-atomic names its
		// temporary files with it); an ESM bundle has neither of its own.
		banner: {
			js: "import {createRequire as __synackRequire} from 'node:module'; import {fileURLToPath as __synackPath} from 'node:url'; const require = __synackRequire(import.meta.url); const __filename = __synackPath(import.meta.url);",
		},
		logLevel: 'warning',
		...extra,
	});
	asciiOnly(resolve(root, outfile));
	return result;
}

/**
 * esbuild escapes every non-ASCII character in code and strings (charset: ascii, its default)
 * but copies what it keeps of comments, and regular expression literals, as they are: a single
 * ’ in one of xstate's doc comments made V8 hold the whole 2 MB bundle source as a two-byte
 * string (4 MB of heap for as long as the process runs). What is left is escaped here as \uXXXX,
 * one UTF-16 unit at a time: that means the same character in a comment, a string and a regular
 * expression with or without the u flag (\u{…} would not: without u, /\u{2014}/ is "u" 2014
 * times, which silently broke every Chinese rule for a lab line that had a — or a →).
 */
export function asciiOnly(file) {
	const text = readFileSync(file, 'utf8');
	// eslint-disable-next-line no-control-regex
	if (!/[^\x00-\x7f]/.test(text)) return;
	// eslint-disable-next-line no-control-regex
	writeFileSync(file, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
