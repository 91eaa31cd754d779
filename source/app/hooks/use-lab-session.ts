/**
 * One live lab: the model's actor, the focused lane, step or real-time mode. Keys arrive as
 * names from the key table and leave as the model's own events.
 */
import {useSelector, useActorRef} from '@xstate/react';
import {useCallback, useEffect, useMemo, useState} from 'react';
import {fromTransition} from 'xstate';
import type {Lab, LabView} from '../../models/lab.js';

export type LabMode = 'step' | 'real';
export const SPEEDS = [1, 10, 100] as const;
/** Real-time mode advances the simulated clock this often (wall ms), times the speed. */
const TICK_MS = 100;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLab = Lab<any, any, any>;

/** A lesson without a lab still calls the hook (hooks are unconditional): this logic does nothing. */
const NO_LAB = fromTransition((s: null) => s, null);
const EMPTY_VIEW: LabView = {clock: 0, lanes: [], arrows: [], inFlight: [], timers: [], log: [], facts: []};

export function useLabSession(lab: AnyLab | null, initial: unknown) {
	const actor = useActorRef(lab ? lab.logic : NO_LAB, {input: initial});
	const snapshot = useSelector(actor, (s: {context: unknown}) => s.context);
	const [focus, setFocus] = useState(lab?.focusable[0] ?? '');
	const [mode, setMode] = useState<LabMode>('step');
	const [speed, setSpeed] = useState<number>(SPEEDS[1]);
	const view = useMemo(() => (lab ? lab.view(snapshot, {arrows: 40, log: 40}) : EMPTY_VIEW), [lab, snapshot]);
	const timersRunning = view.timers.length > 0;

	useEffect(() => {
		if (mode !== 'real' || !timersRunning) return;
		const id = setInterval(() => actor.send({type: 'advance', ms: TICK_MS * speed}), TICK_MS);
		return () => clearInterval(id);
	}, [actor, mode, speed, timersRunning]);

	/** Handle a key of the lab scope; returns false when the key means nothing here. */
	const press = useCallback(
		(bindingId: string, key: string): boolean => {
			if (!lab) return false;
			switch (bindingId) {
				case 'lab.focus': {
					const i = lab.focusable.indexOf(focus);
					setFocus(lab.focusable[(i + 1) % lab.focusable.length] ?? focus);
					return true;
				}
				case 'lab.undo':
					actor.send(lab.undo);
					return true;
				case 'lab.redo':
					actor.send(lab.redo);
					return true;
				case 'lab.reset':
					actor.send(lab.reset);
					return true;
				case 'lab.mode':
					setMode((m) => (m === 'step' ? 'real' : 'step'));
					return true;
				case 'lab.faster':
					setSpeed((s) => SPEEDS[Math.min(SPEEDS.indexOf(s as 1) + 1, SPEEDS.length - 1)]!);
					return true;
				case 'lab.slower':
					setSpeed((s) => SPEEDS[Math.max(SPEEDS.indexOf(s as 1) - 1, 0)]!);
					return true;
				default: {
					const action = lab.actions.find((a) => a.id === bindingId);
					const event = action?.event(actor.getSnapshot().context, {focus, key});
					if (!event) return false;
					actor.send(event);
					return true;
				}
			}
		},
		[actor, focus, lab],
	);

	return {snapshot, view, focus, mode, speed, press};
}
