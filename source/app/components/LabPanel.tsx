/**
 * Renders any Lab: state badges, the sequence diagram, what is in flight, running timers
 * with a countdown on the virtual clock, objectives and the log — within `height` rows.
 */
import {Box, Text} from 'ink';
import type {Messages} from '../../i18n/index.js';
import type {LabView} from '../../models/lab.js';
import {duration, seconds} from '../format.js';
import type {LabMode} from '../hooks/use-lab-session.js';
import {segmentToken, SYMBOLS, type Theme} from '../theme.js';
import {EventLog} from './EventLog.js';
import {SequenceDiagram} from './SequenceDiagram.js';

export type ObjectiveLine = {id: string; text: string; done: boolean};

type Props = {
	title: string;
	view: LabView;
	focus: string;
	mode: LabMode;
	speed: number;
	width: number;
	height: number;
	objectives: ObjectiveLine[];
	theme: Theme;
	m: Messages;
};

export function LabPanel({title, view, focus, mode, speed, width, height, objectives, theme, m}: Props) {
	const inner = Math.max(20, width - 2);
	const [left, right] = view.lanes;
	const clock = `${m.clock} ${seconds(view.clock)} ${mode === 'step' ? `${SYMBOLS.pause} ${m.stepMode}` : `${SYMBOLS.play} ${m.realTime(speed)}`}`;
	const timers = view.timers.slice(0, 2);
	const inFlight = view.inFlight.slice(0, 2);
	const base = 2 /* border */ + 1 /* title */ + 1 /* badges */ + 1 /* in flight */ + Math.max(1, timers.length) + view.facts.length;
	// Objectives get what is left after at least four diagram rows.
	const objectiveRows = Math.max(0, Math.min(objectives.length, height - base - 4));
	const fixed = base + objectiveRows;
	const spare = Math.max(0, height - fixed);
	const logRows = Math.min(3, Math.floor(spare / 3));
	const diagramRows = Math.max(1, spare - logRows);

	const badge = (lane: typeof left) =>
		lane ? (
			<Box width={Math.floor(inner / 2)}>
				<Text {...theme.style(lane.id === focus ? 'focus' : 'dim')}>{lane.id === focus ? `${SYMBOLS.cursor}${lane.label}` : ` ${lane.label}`}</Text>
				<Text> </Text>
				<Text {...theme.style('state')} wrap="truncate-end">
					{lane.state}
				</Text>
			</Box>
		) : null;

	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.color ? 'gray' : undefined} width={width} height={height} paddingX={0}>
			<Box justifyContent="space-between">
				<Text {...theme.style('heading')} wrap="truncate-end">
					{` ${m.lab}: ${title}`}
				</Text>
				<Text {...theme.style('timer')}>{`${clock} `}</Text>
			</Box>
			<Box>
				{badge(left)}
				{badge(right)}
			</Box>
			<Box flexDirection="column" height={diagramRows} overflow="hidden">
				<SequenceDiagram arrows={view.arrows} lanes={[left?.id ?? '', right?.id ?? '']} width={inner} rows={diagramRows} theme={theme} />
			</Box>
			<Text wrap="truncate-end">
				<Text {...theme.style('dim')}>{`${m.inFlight}: `}</Text>
				{inFlight.length === 0 ? <Text {...theme.style('dim')}>—</Text> : null}
				{inFlight.map((a, i) => (
					<Text key={a.id} {...theme.style(segmentToken(a.label.split(' ')[0]!.split(',')))}>
						{`${i + 1}) #${a.id} ${a.from}→${a.to} ${a.label}  `}
					</Text>
				))}
				{view.inFlight.length > inFlight.length ? <Text {...theme.style('dim')}>{`+${view.inFlight.length - inFlight.length}`}</Text> : null}
			</Text>
			{timers.length === 0 ? (
				<Text {...theme.style('dim')}>{`${SYMBOLS.timer} ${m.noTimers}`}</Text>
			) : (
				timers.map((t) => (
					<Text key={`${t.lane}:${t.name}`} {...theme.style('timer')} wrap="truncate-end">
						{`${SYMBOLS.timer} ${t.lane} ${m.labText(t.name)} ${m.due(seconds(t.due), duration(t.due - view.clock))}`}
					</Text>
				))
			)}
			{view.facts.map((f) => (
				<Text key={f} {...theme.style('dim')} wrap="truncate-end">
					{m.labText(f)}
				</Text>
			))}
			{objectives.slice(0, objectiveRows).map((o) => (
				<Text key={o.id} {...theme.style(o.done ? 'ok' : 'text')} wrap="truncate-end">
					{`${o.done ? SYMBOLS.done : SYMBOLS.todo} ${o.text}`}
				</Text>
			))}
			<EventLog lines={view.log} rows={logRows} theme={theme} translate={m.labText} />
		</Box>
	);
}
