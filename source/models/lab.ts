/**
 * The lab contract (ARCHITECTURE.md): what one generic LabPanel needs to draw and drive any
 * protocol model without knowing the protocol.
 */
import type {AnyActorLogic} from 'xstate';

/** One participant of the sequence diagram (client | server, or client | resolver | …). */
export type LabLane = {id: string; label: string; state: string; detail: string};

export type ArrowStatus = 'in-flight' | 'delivered' | 'lost';

/** One message between lanes. `label` carries the numbers (seq / ack / len for TCP). */
export type LabArrow = {
	id: number;
	from: string;
	to: string;
	label: string;
	sentAt: number;
	endedAt: number | null;
	status: ArrowStatus;
	retransmission: boolean;
	injected: boolean;
};

export type LabTimer = {lane: string; name: string; due: number};

export type LogTone = 'state' | 'segment' | 'timer' | 'error' | 'info';
export type LabLogLine = {step: number; at: number; text: string; tone: LogTone};

export type LabView = {
	clock: number;
	lanes: LabLane[];
	arrows: LabArrow[];
	inFlight: LabArrow[];
	timers: LabTimer[];
	log: LabLogLine[];
	/** Short facts worth a line of their own (e.g. the listen queues). */
	facts: string[];
};

export type ViewWindow = {arrows?: number; log?: number};

/** A key the learner presses, turned into a model event (or null: nothing to do here). */
export type LabAction<S, E> = {
	id: string;
	keys: string[];
	label: string;
	/** The label in Chinese (the key bar and help overlay are bilingual); defaults to `label`. */
	labelZh?: string;
	/** Shown in the key bar, not only in the `?` overlay. */
	inBar?: boolean;
	description: string;
	event: (snapshot: S, ui: {focus: string; key: string}) => E | null;
};

export type ObjectiveProblem = {path: string; message: string};

export type Lab<S, E, C> = {
	id: string;
	title: string;
	/** The model as XState actor logic: createActor(lab.logic, {input}) / useActorRef. */
	logic: AnyActorLogic;
	/** Lanes the learner can focus (Tab), in order. */
	focusable: string[];
	actions: LabAction<S, E>[];
	/** Events every lab understands. */
	undo: E;
	redo: E;
	reset: E;
	/** Validate a lesson's `setup` and build the state the lab opens in. */
	init: (setup: unknown) => {ok: true; snapshot: S} | {ok: false; problems: ObjectiveProblem[]};
	view: (snapshot: S, window?: ViewWindow) => LabView;
	parseCheck: (raw: unknown, path?: string) => {check: C} | {problems: ObjectiveProblem[]};
	/** Is the check met by the learner's own steps (after the setup)? */
	met: (check: C, snapshot: S) => boolean;
};
