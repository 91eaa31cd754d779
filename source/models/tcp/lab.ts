/** The TCP lab: the connection model, its keys, its view and its objective vocabulary. */
import {stepsPerSnapshot} from '../combine.js';
import type {Lab, LabAction} from '../lab.js';
import {
	tcbOf,
	tcpConnectionLogic,
	traceSteps,
	withSetup,
	type ConnectionEvent,
	type ConnectionState,
	type UserCall,
} from './connection.js';
import {metBy, parseCheck, type Check} from './objectives.js';
import {formatProblem, parseScript} from './script.js';
import type {Side} from './types.js';
import {tcpView} from './view.js';

type Action = LabAction<ConnectionState, ConnectionEvent>;

/** Chinese labels, and the actions shown in the key bar (the rest are in the `?` overlay). */
const ZH: Record<string, string> = {
	'listen': '监听',
	'connect': '连接',
	'send': '发送',
	'shutdown': '半关闭',
	'close': '关闭',
	'abort': '中止',
	'read': '读取',
	'accept': 'accept',
	'deliver': '投递',
	'deliver-n': '投递第n个',
	'drop': '丢弃',
	'duplicate': '复制',
	'old-syn': '旧SYN',
	'next-timer': '下个定时器',
};
const IN_BAR = new Set(['close', 'connect', 'deliver', 'drop', 'listen', 'next-timer', 'send']);
const bilingual = (a: Action): Action => ({...a, labelZh: ZH[a.id.slice(4)] ?? a.label, inBar: IN_BAR.has(a.id.slice(4))});
const focusSide = (focus: string): Side => (focus === 'server' ? 'server' : 'client');

const call = (id: string, key: string, c: UserCall, label: string, description: string, bytes?: number): Action => ({
	id: `tcp.${id}`,
	keys: [key],
	label,
	description,
	event: (_s, ui) => ({type: 'user', side: focusSide(ui.focus), call: c, ...(bytes ? {bytes} : {})}),
});

export const TCP_ACTIONS: Action[] = (
	[
	call('listen', 'l', 'listen', 'listen', 'passive open on the focused end'),
	call('connect', 'c', 'connect', 'connect', 'active open: send a SYN'),
	call('send', 's', 'send', 'send', 'the application writes 100 bytes', 100),
	call('shutdown', 'h', 'shutdown', 'shutdown', 'shutdown(SHUT_WR): FIN, keep receiving'),
	call('close', 'f', 'close', 'close', 'close(): FIN (Linux also shuts the receive side)'),
	call('abort', 'a', 'abort', 'abort', 'abort: RST'),
	{
		...call('read', 'p', 'read', 'read', 'the application reads what has arrived'),
		event: (s, ui) => (tcbOf(s, focusSide(ui.focus)).rcvBuffer > 0 ? {type: 'user', side: focusSide(ui.focus), call: 'read'} : null),
	},
	{
		...call('accept', 'k', 'accept', 'accept', 'the server application accepts a waiting connection'),
		event: (s) => {
			const l = tcbOf(s, 'server').listener;
			return l.acceptQueue > 0 || l.ownQueued ? {type: 'user', side: 'server', call: 'accept'} : null;
		},
	},
	{
		id: 'tcp.deliver',
		keys: ['space'],
		label: 'deliver',
		description: 'deliver the oldest segment in flight',
		event: (s) => (s.inFlight.length > 0 ? {type: 'deliver'} : null),
	},
	{
		id: 'tcp.deliver-n',
		keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
		label: 'deliver #n',
		description: 'deliver the n-th segment in flight (reordering)',
		event: (s, ui) => {
			const f = s.inFlight[Number(ui.key) - 1];
			return f ? {type: 'deliver', id: f.id} : null;
		},
	},
	{
		id: 'tcp.drop',
		keys: ['x'],
		label: 'drop',
		description: 'lose the oldest segment in flight',
		event: (s) => (s.inFlight.length > 0 ? {type: 'drop'} : null),
	},
	{
		id: 'tcp.duplicate',
		keys: ['d'],
		label: 'dup',
		description: 'a copy of the oldest in-flight segment joins the back',
		event: (s) => (s.inFlight.length > 0 ? {type: 'duplicate'} : null),
	},
	{
		id: 'tcp.old-syn',
		keys: ['o'],
		label: 'old SYN',
		description: 'an old duplicate SYN (client ISN − 10) reaches the network',
		event: (s) => ({type: 'inject', from: 'client', flags: ['SYN'], seq: (tcbOf(s, 'client').iss - 10) >>> 0}),
	},
	{
		id: 'tcp.next-timer',
		keys: ['t'],
		label: 'next timer',
		description: 'advance the clock to the next timer and fire it',
		event: (s) => (s.last && s.last.timers.length > 0 ? {type: 'advance', ms: 'next'} : null),
	},
	] satisfies Action[]
).map(bilingual);

/** The learner's own steps, built once per snapshot for all objectives. */
const ownSteps = stepsPerSnapshot((s: ConnectionState) => traceSteps(s).slice(s.base));

export const tcpLab: Lab<ConnectionState, ConnectionEvent, Check> = {
	id: 'tcp',
	title: 'TCP',
	logic: tcpConnectionLogic,
	focusable: ['client', 'server'],
	actions: TCP_ACTIONS,
	undo: {type: 'undo'},
	redo: {type: 'redo'},
	reset: {type: 'reset'},
	init(setup) {
		const parsed = parseScript(setup ?? {});
		if (!parsed.ok) {
			return {ok: false, problems: parsed.problems.map((p) => ({path: 'step' in p.where ? `setup.steps[${p.where.step - 1}]` : `setup.${p.where.key}`, message: formatProblem(p)}))};
		}
		try {
			return {ok: true, snapshot: withSetup(parsed.script.settings, parsed.script.steps)};
		} catch (error) {
			return {ok: false, problems: [{path: 'setup.steps', message: (error as Error).message}]};
		}
	},
	view: tcpView,
	parseCheck,
	met: (check, s) => metBy(check, ownSteps(s)) !== null,
};

