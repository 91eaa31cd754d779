/** One line of the lab under the text when only the text fits: states, what is in flight, the next timer, the last event. */
import {Text} from 'ink';
import type {Messages} from '../../i18n/index.js';
import type {LabView} from '../../models/lab.js';
import {seconds} from '../format.js';
import {SYMBOLS, type Theme} from '../theme.js';

export function LabStrip({view, focus, theme, m}: {view: LabView; focus: string; theme: Theme; m: Messages}) {
	const timer = view.timers[0];
	const last = view.log.at(-1);
	return (
		<Text wrap="truncate-end">
			{view.lanes.map((l) => (
				<Text key={l.id}>
					<Text {...theme.style(l.id === focus ? 'focus' : 'dim')}>{`${l.id === focus ? SYMBOLS.cursor : ' '}${l.id}`}</Text>
					<Text {...theme.style('state')}>{` ${l.state} `}</Text>
				</Text>
			))}
			<Text {...theme.style('dim')}>{`· ${m.inFlight} ${view.inFlight.length} `}</Text>
			{timer ? <Text {...theme.style('timer')}>{`· ${SYMBOLS.timer} ${seconds(timer.due)} `}</Text> : null}
			{last ? <Text {...theme.style('dim')}>{`· ${m.labText(last.text)}`}</Text> : null}
		</Text>
	);
}
