/**
 * The Chinese TLS lessons quote lines of the lab as the Chinese lab shows them (translated by
 * source/i18n/lab-text): each quote must be in the lesson and on the lab after the keys the
 * lesson gives.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {createActor} from 'xstate';
import {labTextZh} from '../../source/i18n/lab-text/index.js';
import {tlsLab} from '../../source/models/tls/lab.js';
import type {TlsState} from '../../source/models/tls/session.js';
import {tlsView} from '../../source/models/tls/view.js';

/** The lab's facts and log in Chinese after pressing `keys` (space-separated key names) from a fresh lab. */
function shownAfter(keys: string): string[] {
	const init = tlsLab.init({});
	if (!init.ok) throw new Error('the TLS lab does not open');
	const actor = createActor(tlsLab.logic, {input: init.snapshot}).start();
	const now = () => actor.getSnapshot().context as TlsState;
	for (const key of keys.split(' ')) {
		const action = tlsLab.actions.find((a) => a.keys.includes(key));
		if (!action) throw new Error(`no key ${key}`);
		const event = action.event(now(), {focus: 'client', key});
		if (event) actor.send(event);
	}
	const view = tlsView(now(), {log: 1000});
	return [...view.facts, ...view.log.map((l) => l.text)].map(labTextZh);
}

const QUOTES: Array<[lesson: string, quote: string, keys: string]> = [
	['12-tls-handshake', 'V 版本 1.2-rsa', 'V V'],
	['12-tls-handshake', '客户端等了 2 个 TLS 往返（+1 个 TCP 往返）', 'V V c space space space h space space space space space s'],
	['13-ca-verification', 'client 校验证书：通过——shop.example ← Lab Issuing CA ← Lab Root CA', 'c space space space h space space'],
	['13-ca-verification', '证书 tampered', 'C C C C C C'],
];

describe('what the Chinese lessons quote from the lab', () => {
	for (const [lesson, quote, keys] of QUOTES) {
		test(`${lesson}: ${quote}`, () => {
			expect(readFileSync(`lessons/zh/${lesson}.md`, 'utf8')).toContain(quote);
			expect(shownAfter(keys).some((line) => line.includes(quote)), shownAfter(keys).join('\n')).toBe(true);
		});
	}
});
