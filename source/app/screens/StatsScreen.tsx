/** Quiz stats: what is due, reviews per day, retention, accuracy by topic (weakest first). */
import {Box, Text} from 'ink';
import {useState} from 'react';
import type {Messages} from '../../i18n/index.js';
import type {Lang} from '../../lessons/types.js';
import type {Stats} from '../../quiz/stats.js';
import {HelpOverlay} from '../components/HelpOverlay.js';
import {KeyBar} from '../components/KeyBar.js';
import {useKeys} from '../hooks/use-keys.js';
import {BINDINGS, resolve, type KeyScope} from '../keys.js';
import type {Theme} from '../theme.js';

type Props = {stats: Stats; cols: number; rows: number; theme: Theme; lang: Lang; m: Messages; onPractise: (topic: string) => void; onBack: () => void};

const BARS = ' ▁▂▃▄▅▆▇█';

export function StatsScreen({stats, cols, rows, theme, lang, m, onPractise, onBack}: Props) {
	const [help, setHelp] = useState(false);
	const weakest = stats.topics[0];
	const scopes: KeyScope[] = help ? ['overlay'] : ['stats', 'global'];
	useKeys((name) => {
		const b = resolve(BINDINGS, scopes, name);
		if (!b) return;
		if (b.id === 'overlay.close') return setHelp(false);
		if (b.id === 'app.help') return setHelp(true);
		if (b.id === 'app.back') return onBack();
		if (b.id === 'stats.practice' && weakest) return onPractise(weakest.topic);
	});

	const max = Math.max(1, ...stats.perDay.map((d) => d.reviews));
	const spark = stats.perDay.map((d) => BARS[Math.round((d.reviews / max) * (BARS.length - 1))]).join('');
	const body = rows - 3;
	const fixed = 9;
	const topicRows = Math.max(0, body - fixed);
	const barWidth = Math.max(10, Math.min(30, cols - 50));
	const pct = (x: number) => `${Math.round(x * 100)}%`;

	return (
		<Box flexDirection="column" width={cols} height={rows}>
			<Text {...theme.style('heading')}>{` ${m.statsTitle}`}</Text>
			<Text {...theme.style('dim')}>{'─'.repeat(Math.max(0, cols))}</Text>
			{help ? (
				<HelpOverlay bindings={BINDINGS} scopes={['stats', 'global']} lang={lang} theme={theme} m={m} width={cols} height={body} />
			) : (
				<Box flexDirection="column" height={body} paddingLeft={1}>
					<Text wrap="truncate-end">{m.statsDue(stats.dueNow, stats.dueLaterToday, stats.newToday)}</Text>
					<Text {...theme.style('dim')} wrap="truncate-end">{m.statsTotals(stats.totalReviews, stats.cards, stats.questions)}</Text>
					<Text wrap="truncate-end">{m.retention(stats.retention === null ? '—' : pct(stats.retention))}</Text>
					<Text> </Text>
					<Text {...theme.style('heading')}>{m.perDayTitle}</Text>
					<Text wrap="truncate-end">
						<Text {...theme.style('accent')}>{spark}</Text>
						<Text {...theme.style('dim')}>{`  ${stats.perDay[0]?.day ?? ''} … ${stats.perDay.at(-1)?.day ?? ''} · max ${max}`}</Text>
					</Text>
					<Text> </Text>
					<Text {...theme.style('heading')}>{m.weakestTitle}</Text>
					{stats.topics.length === 0 ? <Text {...theme.style('dim')}>{m.noStats}</Text> : null}
					{stats.topics.slice(0, topicRows).map((t) => {
						const filled = Math.round(t.accuracy * barWidth);
						return (
							<Box key={t.topic}>
								<Text {...theme.style(t.accuracy < 0.6 ? 'warn' : 'ok')}>{`${pct(t.accuracy).padStart(4)} ${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)} `}</Text>
								<Text wrap="truncate-end">{`${t.title} (${t.correct}/${t.reviews})`}</Text>
							</Box>
						);
					})}
				</Box>
			)}
			<Box paddingLeft={1}>
				{weakest ? <Text {...theme.style('accent')}>{`${m.practiseWeakest(weakest.title)}  `}</Text> : null}
				<KeyBar bindings={BINDINGS} scopes={scopes} lang={lang} theme={theme} />
			</Box>
		</Box>
	);
}
