/** Driving the TLS lab as a learner does: keys through the lab's action table, tab switches the end. */
import {createActor} from 'xstate';
import {tlsLab} from '../../../source/models/tls/lab.js';
import {traceSteps, type TlsEvent, type TlsState, type TlsStep} from '../../../source/models/tls/session.js';

export function open(setup: unknown): TlsState {
	const init = tlsLab.init(setup);
	if (!init.ok) throw new Error(JSON.stringify(init.problems));
	return init.snapshot;
}

/** Press keys (space-separated names; `space` delivers, `tab` switches the focused end). */
export function press(start: TlsState, keys: string, focus = 'client'): TlsState {
	const actor = createActor(tlsLab.logic, {input: start}).start();
	for (const key of keys.split(' ').filter(Boolean)) {
		if (key === 'tab') {
			focus = focus === 'client' ? 'server' : 'client';
			continue;
		}
		const special: Record<string, TlsEvent> = {u: tlsLab.undo, r: tlsLab.redo, R: tlsLab.reset};
		const action = tlsLab.actions.find((a) => a.keys.includes(key));
		if (!special[key] && !action) throw new Error(`no action on key ${key}`);
		const event = special[key] ?? action!.event(actor.getSnapshot().context as TlsState, {focus, key});
		if (event) actor.send(event);
	}
	return actor.getSnapshot().context as TlsState;
}

/** Deliver until nothing is in flight (at most `max` keys). */
export function drain(s: TlsState, max = 40): TlsState {
	for (let i = 0; i < max && s.tcp.inFlight.length > 0; i++) s = press(s, 'space');
	return s;
}

/** The TCP handshake done by keys: c, then the SYN, SYN-ACK and ACK delivered. */
export const TCP_OPEN = 'c space space space';

export const own = (s: TlsState): TlsStep[] => traceSteps(s).slice(s.base);

/** Every TLS message event of the learner's steps, as `from:name` strings. */
export const sent = (s: TlsState): string[] => own(s).flatMap((st) => st.messages.filter((m) => m.event === 'sent').map((m) => `${m.from}:${m.name}`));
export const alerts = (s: TlsState) => own(s).flatMap((st) => st.alerts);
export const verifications = (s: TlsState) => own(s).flatMap((st) => st.verifications);
