/**
 * The last lines of the lab's log. Lines are memoised by what they show: the lab's view is
 * rebuilt on every key, so a finished line comes back as a new object and must not re-render.
 */
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {LabLogLine} from '../../models/lab.js';
import type {Theme, Token} from '../theme.js';

const TONE: Record<LabLogLine['tone'], Token> = {state: 'state', segment: 'lost', timer: 'timer', error: 'error', info: 'dim'};

type LineProps = {line: LabLogLine; theme: Theme; translate: (text: string) => string};

const Line = memo(
	function Line({line, theme, translate}: LineProps) {
		return (
			<Text {...theme.style(TONE[line.tone])} wrap="truncate-end">
				{translate(line.text)}
			</Text>
		);
	},
	(a: LineProps, b: LineProps) => a.theme === b.theme && a.translate === b.translate && a.line.text === b.line.text && a.line.tone === b.line.tone,
);

/** `translate`: the learner's language for a line (Messages.labText). */
export function EventLog({lines, rows, theme, translate}: {lines: LabLogLine[]; rows: number; theme: Theme; translate: (text: string) => string}) {
	const shown = lines.slice(-Math.max(0, rows));
	const seen = new Map<number, number>();
	return (
		<Box flexDirection="column">
			{shown.map((line) => {
				const n = seen.get(line.step) ?? 0;
				seen.set(line.step, n + 1);
				return <Line key={`${line.step}:${n}:${line.text}`} line={line} theme={theme} translate={translate} />;
			})}
		</Box>
	);
}
