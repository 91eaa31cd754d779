/**
 * The sequence diagram: one row per message, oldest at the top, the newest rows that fit.
 *   ├─ SYN 100 ───────▶┤  delivered    ├┈ ACK 101 ┈┈▷   in flight    ├─ ACK 101 ─ ✗   lost
 */
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {LabArrow} from '../../models/lab.js';
import {seconds} from '../format.js';
import {segmentToken, SYMBOLS, type Theme} from '../theme.js';

const TIME_WIDTH = 9;

type Props = {arrows: LabArrow[]; lanes: [string, string]; width: number; rows: number; theme: Theme};

function arrowText(a: LabArrow, leftToRight: boolean, width: number): string {
	const mark = a.retransmission ? ` ${SYMBOLS.retransmission}` : '';
	let body = `#${a.id} ${a.label}${mark}${a.injected ? ' (old)' : ''}`;
	// A label too long for the row (a TLS flight names many messages) is cut, not the arrow:
	// both ends and at least one column of line stay, so the row still shows who sent it to whom.
	const most = Math.max(2, width - 7);
	if (body.length > most) body = `${body.slice(0, most - 1)}…`;
	const label = ` ${body} `;
	// Both ends take two columns: ├─ … ▶┤ fills exactly `width`.
	const room = Math.max(0, width - label.length - 4);
	if (a.status === 'lost') {
		const lost = `─ ${SYMBOLS.lost}`;
		return leftToRight ? `├─${label}${lost}`.padEnd(width) : `${lost.split('').reverse().join('')}${label}─┤`.padStart(width);
	}
	const line = a.status === 'delivered' ? '─' : '┈';
	if (leftToRight) return `├─${label}${line.repeat(room)}${a.status === 'delivered' ? '▶┤' : '▷ '}`;
	return `${a.status === 'delivered' ? '├◀' : ' ◁'}${line.repeat(room)}${label}─┤`;
}

type RowProps = {arrow: LabArrow; left: string; width: number; theme: Theme};

/** The lab's view is rebuilt on every key, so an unchanged arrow is a new object with the same fields. */
function sameRow(a: RowProps, b: RowProps): boolean {
	const x = a.arrow;
	const y = b.arrow;
	return (
		a.left === b.left &&
		a.width === b.width &&
		a.theme === b.theme &&
		(x === y ||
			(x.id === y.id &&
				x.from === y.from &&
				x.to === y.to &&
				x.label === y.label &&
				x.sentAt === y.sentAt &&
				x.endedAt === y.endedAt &&
				x.status === y.status &&
				x.retransmission === y.retransmission &&
				x.injected === y.injected))
	);
}

const Row = memo(function Row({arrow, left, width, theme}: RowProps) {
	const text = arrowText(arrow, arrow.from === left, width - TIME_WIDTH);
	const token = arrow.status === 'lost' ? 'lost' : segmentToken(arrow.label.split(' ')[0]!.split(','));
	return (
		<Box width={width}>
			<Box width={TIME_WIDTH} flexShrink={0}>
				<Text {...theme.style('dim')}>{seconds(arrow.sentAt).replace(' s', '').padStart(TIME_WIDTH - 1)}</Text>
			</Box>
			<Box width={width - TIME_WIDTH}>
				<Text {...theme.style(token)} wrap="truncate-end">
					{text}
				</Text>
			</Box>
		</Box>
	);
}, sameRow);

export function SequenceDiagram({arrows, lanes, width, rows, theme}: Props) {
	const shown = arrows.slice(-Math.max(0, rows));
	return (
		<Box flexDirection="column">
			{shown.map((a) => (
				<Row key={a.id} arrow={a} left={lanes[0]} width={width} theme={theme} />
			))}
		</Box>
	);
}
