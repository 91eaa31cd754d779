// Build the CLI bundle once, so tests run the same file a user runs (bundle/cli.mjs).
import {execFileSync} from 'node:child_process';

export default function setup(): void {
	execFileSync(process.execPath, ['build/bundle.mjs'], {stdio: 'inherit'});
}
