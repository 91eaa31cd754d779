/** The `?` overlay: every key of the screen, by category, from the key table. */
import {Box, Text} from 'ink';
import type {Messages} from '../../i18n/index.js';
import type {Lang} from '../../lessons/types.js';
import {keysText, type Binding, type KeyScope} from '../keys.js';
import type {Theme} from '../theme.js';

type Props = {bindings: Binding[]; scopes: KeyScope[]; lang: Lang; theme: Theme; m: Messages; width: number; height: number};

export function HelpOverlay({bindings, scopes, lang, theme, m, width, height}: Props) {
	const rows: Array<{scope: KeyScope; b?: Binding}> = [];
	for (const scope of scopes) {
		rows.push({scope});
		// A twin that only repeats a label (↓ beside ↑) is written with it, not on a line of its own.
		for (const b of bindings.filter((x) => x.scope === scope && (x.bar || !bindings.some((y) => y !== x && y.scope === scope && y.bar && y.label.en === x.label.en)))) {
			rows.push({scope, b});
		}
	}
	const columns = Math.max(1, Math.min(4, Math.floor((width - 4) / 25)));
	const perColumn = Math.max(1, height - 3); // border and title
	const fit = rows.slice(0, perColumn * columns);
	const chunk = Math.ceil(fit.length / columns);
	const column = (part: typeof rows, key: number) => (
		<Box key={key} flexDirection="column" width={Math.floor((width - 4) / columns)}>
			{part.map((r, i) =>
				r.b ? (
					<Text key={r.b.id} wrap="truncate-end">
						<Text {...theme.style('key')}>{` ${keysText(r.b, bindings).padEnd(6)}`}</Text>
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
			<Box>{Array.from({length: columns}, (_, i) => column(fit.slice(i * chunk, (i + 1) * chunk), i))}</Box>
		</Box>
	);
}
