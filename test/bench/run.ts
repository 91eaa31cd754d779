/**
 * `npm run bench`: prints one JSON document of measured figures. Speed is measured here,
 * never asserted in tests. The code under test is bundled by esbuild for production first,
 * so the figures are those of the shipped CLI, not of tsx's development transform.
 */
import {build} from 'esbuild';
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {benchTui} from './tui.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
await build({
	absWorkingDir: root,
	entryPoints: ['test/bench/sim-tcp-main.ts'],
	outfile: 'bundle/bench-sim-tcp.mjs',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {js: "import {createRequire as __r} from 'node:module'; const require = __r(import.meta.url);"},
	logLevel: 'warning',
});
const simTcp = JSON.parse(execFileSync(process.execPath, ['bundle/bench-sim-tcp.mjs'], {cwd: root, encoding: 'utf8'}));
await build({
	absWorkingDir: root,
	entryPoints: ['test/bench/hello.tsx'],
	outfile: 'bundle/bench-hello.mjs',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	alias: {'react-devtools-core': './build/devtools-stub.js'},
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {js: "import {createRequire as __r} from 'node:module'; const require = __r(import.meta.url);"},
	logLevel: 'warning',
});
process.chdir(root);
const tui = await benchTui();

const report = {
	node: process.version,
	tutor: tui,
	simTcp: {
		...simTcp,
		target: '≥ 50,000 steps/s',
		measures: 'stepsPerSecond: read + parse + run + JSON output of a generated 10,000-step script; modelOnlyStepsPerSecond: the run alone',
	},
};
console.log(JSON.stringify(report, null, 2));
