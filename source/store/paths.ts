/** Where the progress file lives (ARCHITECTURE.md § Persistence). */
import os from 'node:os';
import path from 'node:path';
import envPaths from 'env-paths';

/**
 * The directory synack keeps its data in: `SYNACK_HOME` when set (tests use it), else the
 * platform's data directory (`$XDG_DATA_HOME/synack` or `~/.local/share/synack` on Linux).
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
	const home = env['SYNACK_HOME'];
	if (home) return path.resolve(home);
	if (process.platform !== 'darwin' && process.platform !== 'win32') {
		// env-paths reads process.env once at import; read the caller's env instead. The XDG
		// spec says a relative XDG_DATA_HOME is invalid and must be ignored.
		const xdg = env['XDG_DATA_HOME'];
		return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.local', 'share'), 'synack');
	}
	return envPaths('synack', {suffix: ''}).data;
}

/** `<dir>/progress.json`. */
export function progressFile(dir: string = dataDir()): string {
	return path.join(dir, 'progress.json');
}
