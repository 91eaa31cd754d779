import {spawnSync} from 'node:child_process';

export type CliResult = {code: number | null; stdout: string; stderr: string};

/** Run the built CLI as a user would (no CI, no NODE_ENV from vitest). */
export function synack(args: string[], input?: string): CliResult {
	const env = {...process.env};
	delete env['CI'];
	delete env['NODE_ENV'];
	const r = spawnSync(process.execPath, ['bundle/cli.mjs', ...args], {encoding: 'utf8', input, env, timeout: 20_000});
	return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}
