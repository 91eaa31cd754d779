/**
 * The built CLI in a real pseudo-terminal, read through a headless xterm: the screen a person
 * sees (TOOLCHAIN.md §3). CI and NODE_ENV are stripped from the child (Ink shows no frames under CI).
 */
import xterm from '@xterm/headless';
import * as pty from 'node-pty';

const {Terminal} = xterm;

export type Screen = {
	/** The visible rows, trailing spaces trimmed. */
	lines(): string[];
	text(): string;
	press(keys: string): Promise<void>;
	waitFor(predicate: (text: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
	resize(cols: number, rows: number): void;
	exited: Promise<number>;
	title: () => string;
	/** Every byte the app wrote. */
	raw: () => string;
	kill(): void;
};

export function spawnTui(args: string[], opts: {cols: number; rows: number; env?: Record<string, string>}): Screen {
	const env: Record<string, string> = {};
	for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI' && k !== 'NODE_ENV') env[k] = v;
	Object.assign(env, {TERM: 'xterm-256color'}, opts.env);
	const term = new Terminal({cols: opts.cols, rows: opts.rows, allowProposedApi: true});
	let title = '';
	term.onTitleChange((t) => (title = t));
	const child = pty.spawn(process.execPath, ['bundle/cli.mjs', ...args], {name: 'xterm-256color', cols: opts.cols, rows: opts.rows, cwd: process.cwd(), env});
	let raw = '';
	let pending = Promise.resolve();
	child.onData((data) => {
		raw += data;
		pending = pending.then(() => new Promise<void>((resolve) => term.write(data, resolve)));
	});
	const exited = new Promise<number>((resolve) => child.onExit(({exitCode}) => resolve(exitCode)));
	const lines = () => {
		const buffer = term.buffer.active;
		const out: string[] = [];
		for (let y = 0; y < opts.rows; y++) out.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		return out;
	};
	return {
		lines,
		text: () => lines().join('\n'),
		async press(keys) {
			await pending;
			child.write(keys);
		},
		async waitFor(predicate, what, timeoutMs = 8000) {
			const until = Date.now() + timeoutMs;
			for (;;) {
				await pending;
				const text = lines().join('\n');
				if (predicate(text)) return text;
				if (Date.now() > until) throw new Error(`timed out waiting for ${what}; the screen was:\n${text}`);
				await new Promise((r) => setTimeout(r, 20));
			}
		},
		resize(cols, rows) {
			child.resize(cols, rows);
			term.resize(cols, rows);
			opts.cols = cols;
			opts.rows = rows;
		},
		exited,
		title: () => title,
		raw: () => raw,
		kill: () => child.kill(),
	};
}
