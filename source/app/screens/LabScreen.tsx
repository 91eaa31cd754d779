/** `synack lab tcp`: the lab on its own, the whole terminal for the diagram. */
import {Box} from 'ink';
import {useMemo, useState} from 'react';
import type {Messages} from '../../i18n/index.js';
import type {Lang} from '../../lessons/types.js';
import {HelpOverlay} from '../components/HelpOverlay.js';
import {useKeys} from '../hooks/use-keys.js';
import {KeyBar} from '../components/KeyBar.js';
import {LabPanel} from '../components/LabPanel.js';
import {useLabSession, type AnyLab} from '../hooks/use-lab-session.js';
import {BINDINGS, labBindings, resolve, type KeyScope} from '../keys.js';
import type {Theme} from '../theme.js';

type Props = {lab: AnyLab; snapshot: unknown; cols: number; rows: number; theme: Theme; lang: Lang; m: Messages; onBack: () => void};

export function LabScreen({lab, snapshot, cols, rows, theme, lang, m, onBack}: Props) {
	const session = useLabSession(lab, snapshot);
	const [help, setHelp] = useState(false);
	const bindings = useMemo(() => [...BINDINGS, ...labBindings(lab.actions)], [lab]);
	const scopes: KeyScope[] = help ? ['overlay'] : ['lab', 'global'];
	useKeys((name) => {
		const b = resolve(bindings, scopes, name);
		if (!b) return;
		if (b.id === 'overlay.close') return setHelp(false);
		if (b.id === 'app.help') return setHelp(true);
		if (b.id === 'app.back') return onBack();
		if (b.scope === 'lab') session.press(b.id, name);
	});
	const body = rows - 1;
	return (
		<Box flexDirection="column" width={cols} height={rows}>
			{help ? (
				<HelpOverlay bindings={bindings} scopes={['lab', 'global']} lang={lang} theme={theme} m={m} width={cols} height={body} />
			) : (
				<LabPanel title={lab.title} view={session.view} focus={session.focus} mode={session.mode} speed={session.speed} width={cols} height={body} objectives={[]} theme={theme} m={m} />
			)}
			<Box paddingLeft={1}>
				<KeyBar bindings={bindings} scopes={scopes} lang={lang} theme={theme} />
			</Box>
		</Box>
	);
}
