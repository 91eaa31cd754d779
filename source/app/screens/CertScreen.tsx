/**
 * `synack cert inspect CHAIN.pem`: the verification of a real chain as a walk-through. The
 * learner steps through the checks a TLS client makes, leaf to trust anchor; each step shows
 * the certificate it is about, what was found, and why a client checks it. The last step is
 * the verdict.
 */
import {Box, Text} from 'ink';
import {useState} from 'react';
import {describeCertificate} from '../../commands/cert-text.js';
import type {Messages} from '../../i18n/index.js';
import type {Lang} from '../../lessons/types.js';
import type {Verification} from '../../pki/verify.js';
import {HelpOverlay} from '../components/HelpOverlay.js';
import {KeyBar} from '../components/KeyBar.js';
import {clamp} from '../format.js';
import {useKeys} from '../hooks/use-keys.js';
import {BINDINGS, resolve, type KeyScope} from '../keys.js';
import {SYMBOLS, type Theme, type Token} from '../theme.js';
import {PageView} from '../components/PageView.js';
import type {RichLine} from '../page-lines.js';
import {span, wrapSpans} from '../../lessons/wrap.js';

export type CertInspection = {file: string; verification: Verification; store: 'ca' | 'node'};

type Props = CertInspection & {cols: number; rows: number; theme: Theme; lang: Lang; m: Messages; onBack: () => void};

export function CertScreen({file, verification: v, store, cols, rows, theme, lang, m, onBack}: Props) {
	const [help, setHelp] = useState(false);
	// Steps 0…n-1 are the checks; step n is the verdict.
	const n = v.steps.length;
	const [at, setAt] = useState(0);
	const scopes: KeyScope[] = help ? ['overlay'] : ['cert', 'global'];
	useKeys((name) => {
		const b = resolve(BINDINGS, scopes, name);
		if (!b) return;
		switch (b.id) {
			case 'overlay.close':
				return setHelp(false);
			case 'app.help':
				return setHelp(true);
			case 'app.back':
				return onBack();
			case 'cert.prev':
				return setAt((i) => clamp(i - 1, 0, n));
			case 'cert.next':
				return setAt((i) => clamp(i + 1, 0, n));
			case 'cert.first':
				return setAt(0);
			case 'cert.last':
				return setAt(n);
		}
	});

	const step = at < n ? v.steps[at]! : null;
	const focusCert = step ? step.cert : -1;
	const body = rows - 4;
	// The chain takes at most half the body; the current check gets the rest.
	const chainLines = v.chain.flatMap((c, i) => {
		const failed = v.steps.some((s) => s.cert === i && !s.ok);
		const lines = describeCertificate(c, i);
		return lines.map((text, j) => ({text, cert: i, head: j === 0, failed}));
	});
	// The chain takes at most half the body while stepping; at the verdict, what the checks leave.
	const chainRows = Math.min(chainLines.length, at < n ? Math.max(4, Math.floor(body / 2)) : Math.max(3, body - 1 - (v.steps.length + 2)));
	const firstOfFocus = Math.max(0, chainLines.findIndex((l) => l.cert === focusCert));
	const chainTop = clamp(firstOfFocus - 1, 0, Math.max(0, chainLines.length - chainRows));

	// What the current check says, wrapped to the width and cut to the rows left: Ink would
	// otherwise squeeze extra rows on top of each other.
	const width = Math.max(20, cols - 3);
	const para = (text: string, tone: Token): RichLine[] => wrapSpans([span(text)], width).map((line) => line.map((s) => ({...s, tone})));
	const stepLines: RichLine[] = [];
	if (step) {
		stepLines.push(...para(`${m.certStep(at + 1, n)} · #${step.cert} · ${step.check}`, 'heading'));
		stepLines.push(...para(`${step.ok ? SYMBOLS.done : SYMBOLS.lost} ${step.detail}${step.error ? `  → ${step.error}` : ''}`, step.ok ? 'ok' : 'error'));
		stepLines.push([], ...para(m.certWhy, 'heading'), ...para(m.certChecks[step.check] ?? '', 'text'));
	} else {
		stepLines.push(...para(v.ok ? m.certVerdictOk : m.certVerdictBad(v.result, v.errors.join(', ')), v.ok ? 'ok' : 'error'), []);
		// The failed checks first: they are the reason for the verdict.
		const ordered = [...v.steps.filter((s) => !s.ok), ...v.steps.filter((s) => s.ok)];
		for (const s of ordered) stepLines.push([{text: `${s.ok ? SYMBOLS.done : SYMBOLS.lost} #${s.cert} ${s.check.padEnd(11)} ${s.detail}`, tone: s.ok ? 'dim' : 'error'}]);
	}

	return (
		<Box flexDirection="column" width={cols} height={rows}>
			<Box justifyContent="space-between">
				<Text {...theme.style('heading')} wrap="truncate-end">{` ${m.certTitle(file)}`}</Text>
				<Text {...theme.style('dim')}>{` ${step ? m.certStep(at + 1, n) : v.ok ? SYMBOLS.done : SYMBOLS.lost} `}</Text>
			</Box>
			<Text {...theme.style('dim')} wrap="truncate-end">{` ${m.certAt(v.at, v.host)} · ${m.certStore[store]}`}</Text>
			{help ? (
				<HelpOverlay bindings={BINDINGS} scopes={['cert', 'global']} lang={lang} theme={theme} m={m} width={cols} height={body} />
			) : (
				<Box flexDirection="column" height={body} paddingLeft={1}>
					<Box flexDirection="column" height={chainRows} overflow="hidden">
						{chainLines.slice(chainTop, chainTop + chainRows).map((l, i) => (
							<Text key={chainTop + i} {...theme.style(l.cert === focusCert ? 'focus' : l.failed && l.head ? 'error' : 'dim')} wrap="truncate-end">
								{`${l.head && l.cert === focusCert ? SYMBOLS.cursor : ' '}${l.text}`}
							</Text>
						))}
					</Box>
					<Text {...theme.style('dim')}>{'─'.repeat(Math.max(0, cols - 2))}</Text>
					<PageView lines={stepLines} top={0} height={Math.max(1, body - chainRows - 1)} width={width} theme={theme} />
				</Box>
			)}
			<Box paddingLeft={1}>
				<KeyBar bindings={BINDINGS} scopes={scopes} lang={lang} theme={theme} />
			</Box>
		</Box>
	);
}
