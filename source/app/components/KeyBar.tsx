/** The bottom line: what the keys do here, generated from the key table. */
import {Text} from 'ink';
import {memo} from 'react';
import type {Lang} from '../../lessons/types.js';
import {keysText, type Binding, type KeyScope} from '../keys.js';
import type {Theme} from '../theme.js';

type Props = {bindings: Binding[]; scopes: KeyScope[]; lang: Lang; theme: Theme};

/** Screens pass a new scopes array on every render; the bar re-renders only when its content changes. */
const sameBar = (a: Props, b: Props) =>
	a.bindings === b.bindings && a.lang === b.lang && a.theme === b.theme && a.scopes.length === b.scopes.length && a.scopes.every((s, i) => s === b.scopes[i]);

export const KeyBar = memo(function KeyBar({bindings, scopes, lang, theme}: Props) {
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
}, sameBar);
