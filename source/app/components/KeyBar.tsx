/** The bottom line: what the keys do here, generated from the key table. */
import {Text} from 'ink';
import type {Lang} from '../../lessons/types.js';
import {keysText, type Binding, type KeyScope} from '../keys.js';
import type {Theme} from '../theme.js';

export function KeyBar({bindings, scopes, lang, theme}: {bindings: Binding[]; scopes: KeyScope[]; lang: Lang; theme: Theme}) {
	const shown = scopes.flatMap((scope) => bindings.filter((b) => b.scope === scope && b.bar));
	const order = [...shown.filter((b) => b.scope !== 'global'), ...shown.filter((b) => b.scope === 'global')];
	return (
		<Text wrap="truncate-end">
			{order.map((b) => (
				<Text key={b.id}>
					<Text {...theme.style('key')}>{keysText(b, bindings)}</Text>
					<Text>{` ${b.label[lang]}  `}</Text>
				</Text>
			))}
		</Text>
	);
}
