/**
 * Rendering the app in tests: every render, key and unmount inside act(), so React has run
 * its effects before the next key (TOOLCHAIN.md gotcha 4). Tests wait for frames, not time.
 */
import {render} from 'ink-testing-library';
import {act, type ReactElement} from 'react';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

export type Rendered = ReturnType<typeof render>;
const mounted: Rendered[] = [];

export async function renderUi(element: ReactElement): Promise<Rendered> {
	let r!: Rendered;
	await act(async () => {
		r = render(element);
	});
	mounted.push(r);
	return r;
}

export const KEY = {enter: '\r', space: ' ', right: '\u001B[C', left: '\u001B[D', up: '\u001B[A', down: '\u001B[B', escape: '\u001B', backspace: '\u007F', tab: '\t'};

export async function press(r: Rendered, ...keys: string[]): Promise<void> {
	for (const k of keys) {
		await act(async () => {
			r.stdin.write(k);
		});
	}
}

/** Let pending promises (progress saves) settle. */
export async function settle(ms = 30): Promise<void> {
	await act(async () => {
		await new Promise((resolve) => setTimeout(resolve, ms));
	});
}

export const frame = (r: Rendered): string => r.lastFrame() ?? '';

/**
 * Run `check` until it stops throwing (an async save has landed, a timer has ticked), letting
 * the app run between tries; after `tries` the last failure is thrown.
 */
export async function eventually<T>(check: () => T, tries = 100): Promise<T> {
	for (let i = 1; ; i++) {
		try {
			return check();
		} catch (error) {
			if (i >= tries) throw error;
			await settle(20);
		}
	}
}

export async function cleanupUi(): Promise<void> {
	for (const r of mounted.splice(0)) {
		await act(async () => {
			r.unmount();
		});
	}
}
