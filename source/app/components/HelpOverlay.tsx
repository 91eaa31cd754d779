/** The `?` overlay: every key of the screen, by category, from the key table. */
import {Box, Text} from 'ink';
import React from 'react';
import type {Messages} from '../../i18n/index.js';
import type {Lang} from '../../lessons/types.js';
import {keysText, type Binding, type KeyScope} from '../keys.js';
import type {Theme} from '../theme.js';

type Props = {bindings: Binding[]; scopes: KeyScope[]; lang: Lang; theme: Theme; m: Messages; width: number; height: number};

export function HelpOverlay({bindings, scopes, lang, theme, m, width, height}: Props) {
	const rows: Array<{scope: KeyScope; b?: Binding}> = [];
	for (const scope of scopes) {
		rows.push({scope});
		for (const b of bindings.filter((x) => x.scope === scope)) rows.push({scope, b});
	}
	const fit = rows.slice(0, Math.max(1, height - 4));
	const half = Math.ceil(fit.length / 2);
	const column = (part: typeof rows) => (
		<Box flexDirection="column" width={Math.floor((width - 4) / 2)}>
			{part.map((r, i) =>
				r.b ? (
					<Text key={r.b.id} wrap="truncate-end">
						<Text {...theme.style('key')}>{`  ${keysText(r.b, bindings).padEnd(9)}`}</Text>
						{r.b.label[lang]}
					</Text>
				) : (
					<Text key={`${r.scope}-${i}`} {...theme.style('heading')}>
						{m.categories[r.scope] ?? r.scope}
					</Text>
				),
			)}
		</Box>
	);
	return (
		<Box flexDirection="column" borderStyle="double" width={width} height={height} paddingX={1}>
			<Box justifyContent="space-between">
				<Text {...theme.style('heading')}>{m.helpTitle}</Text>
				<Text {...theme.style('dim')}>{m.helpClose}</Text>
			</Box>
			<Box>
				{column(fit.slice(0, half))}
				{column(fit.slice(half))}
			</Box>
		</Box>
	);
}
