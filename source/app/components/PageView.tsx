/** A window of `height` lines over a laid-out page. Each span's style becomes theme tokens. */
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {RichLine, RichSpan} from '../page-lines.js';
import type {Theme, Token} from '../theme.js';

function tokenOf(s: RichSpan): Token {
	if (s.tone) return s.tone;
	if (s.heading) return 'heading';
	if (s.code) return 'code';
	if (s.link) return 'accent';
	if (s.quote || s.dim) return 'dim';
	return 'text';
}

const Line = memo(function Line({line, theme}: {line: RichLine; theme: Theme}) {
	if (line.length === 0) return <Text> </Text>;
	return (
		<Text wrap="truncate-end">
			{line.map((s, i) => (
				<Text key={i} {...theme.style(tokenOf(s))} bold={s.bold || s.heading || undefined} italic={s.italic || undefined}>
					{s.text}
				</Text>
			))}
		</Text>
	);
});

export function PageView({lines, top, height, width, theme}: {lines: RichLine[]; top: number; height: number; width: number; theme: Theme}) {
	const shown = lines.slice(top, top + height);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{shown.map((line, i) => (
				<Line key={top + i} line={line} theme={theme} />
			))}
		</Box>
	);
}
