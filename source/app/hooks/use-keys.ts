/**
 * The one way a screen reads keys. Ink hands useInput a whole chunk of input, so keys typed
 * quickly (or pasted, or sent by tmux) can arrive together as "c " — split them into key names.
 */
import {useInput, useStdin, type Key} from 'ink';
import {keyName} from '../keys.js';

const CONTROL: Record<string, string> = {'\r': 'return', '\n': 'return', '\t': 'tab', '\x7f': 'backspace', '\b': 'backspace'};

export function keyNames(input: string, key: Key): string[] {
	const special = key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.return || key.escape || key.tab || key.backspace || key.delete || key.pageUp || key.pageDown || key.ctrl || key.meta;
	if (special || input.length <= 1) return [keyName(input, key)];
	// Within a chunk, control characters are keys too: "31524\r" is five digits and Enter.
	return [...input].map((ch) => CONTROL[ch] ?? keyName(ch, {...key, shift: ch !== ch.toLowerCase()}));
}

export function useKeys(handler: (name: string) => void, active = true): void {
	// Without a TTY there is no raw mode: never subscribe (TOOLCHAIN.md gotcha 2).
	const canRead = useStdin().isRawModeSupported === true;
	useInput(
		(input, key) => {
			for (const name of keyNames(input, key)) handler(name);
		},
		{isActive: active && canRead},
	);
}
