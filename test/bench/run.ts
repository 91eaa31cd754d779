/**
 * `npm run bench`: prints one JSON document of measured figures. Speed is measured here,
 * never asserted in tests. The code under test is bundled by esbuild for production first,
 * so the figures are those of the shipped CLI, not of tsx's development transform.
 */
import {execFileSync} from 'node:child_process';
// @ts-expect-error: a plain .mjs build script without types
import {nodeBundle, root} from '../../build/esbuild-node.mjs';
import {benchTui} from './tui.js';

await nodeBundle('test/bench/sim-tcp-main.ts', 'bundle/bench-sim-tcp.mjs');
const simTcp = JSON.parse(execFileSync(process.execPath, ['bundle/bench-sim-tcp.mjs'], {cwd: root, encoding: 'utf8'}));
// The baseline: a hello-world Ink app bundled exactly like the CLI.
await nodeBundle('test/bench/hello.tsx', 'bundle/bench-hello.mjs');
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
