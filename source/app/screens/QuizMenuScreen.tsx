/** The quiz menu: practise what is due, an interview, an exam, stats, or one topic. */
import {Box, Text} from 'ink';
import {useState} from 'react';
import type {Messages} from '../../i18n/index.js';
import type {Lang} from '../../lessons/types.js';
import type {Bank} from '../../quiz/bank.js';
import {DEFAULT_COUNT, type SessionMode} from '../../quiz/session.js';
import type {Stats} from '../../quiz/stats.js';
import {HelpOverlay} from '../components/HelpOverlay.js';
import {KeyBar} from '../components/KeyBar.js';
import {clamp} from '../format.js';
import {useKeys} from '../hooks/use-keys.js';
import {BINDINGS, resolve, type KeyScope} from '../keys.js';
import {SYMBOLS, type Theme} from '../theme.js';

type Item = {kind: 'due'} | {kind: 'interview'} | {kind: 'exam'} | {kind: 'stats'} | {kind: 'topic'; topic: string};

type Props = {
	bank: Bank;
	stats: Stats;
	/** Due questions per topic (due now or new today). */
	duePerTopic: Map<string, number>;
	banner: string | null;
	cols: number;
	rows: number;
	theme: Theme;
	lang: Lang;
	m: Messages;
	onStart: (mode: SessionMode, topic: string | null) => void;
	onStats: () => void;
	onBack: () => void;
};

export function QuizMenuScreen({bank, stats, duePerTopic, banner, cols, rows, theme, lang, m, onStart, onStats, onBack}: Props) {
	const [help, setHelp] = useState(false);
	const [cursor, setCursor] = useState(0);
	const items: Item[] = [{kind: 'due'}, {kind: 'interview'}, {kind: 'exam'}, {kind: 'stats'}, ...bank.topics.map((t) => ({kind: 'topic' as const, topic: t.id}))];
	const selected = items[clamp(cursor, 0, items.length - 1)]!;
	const accuracy = new Map(stats.topics.map((t) => [t.topic, t]));
	const scopes: KeyScope[] = help ? ['overlay'] : ['quizmenu', 'global'];

	useKeys((name) => {
		const b = resolve(BINDINGS, scopes, name);
		if (!b) return;
		const topic = selected.kind === 'topic' ? selected.topic : null;
		switch (b.id) {
			case 'overlay.close':
				return setHelp(false);
			case 'app.help':
				return setHelp(true);
			case 'app.back':
				return onBack();
			case 'qmenu.up':
				return setCursor((c) => clamp(c - 1, 0, items.length - 1));
			case 'qmenu.down':
				return setCursor((c) => clamp(c + 1, 0, items.length - 1));
			case 'qmenu.stats':
				return onStats();
			case 'qmenu.interview':
				return onStart('interview', topic);
			case 'qmenu.exam':
				return onStart('exam', topic);
			case 'qmenu.open':
				if (selected.kind === 'stats') return onStats();
				if (selected.kind === 'topic') return onStart('practice', selected.topic);
				return onStart(selected.kind === 'due' ? 'practice' : selected.kind, null);
		}
	});

	const body = rows - 4 - (banner ? 1 : 0);
	const lineOf = (item: Item): string => {
		switch (item.kind) {
			case 'due':
				return m.practiceDue(stats.dueNow + stats.newToday);
			case 'interview':
				return m.interviewItem;
			case 'exam':
				return m.examItem(DEFAULT_COUNT);
			case 'stats':
				return m.statsItem;
			case 'topic': {
				const t = bank.topics.find((x) => x.id === item.topic)!;
				const n = bank.questions.filter((q) => q.topic === item.topic).length;
				const a = accuracy.get(item.topic);
				return `${t.title}\t${m.topicLine(n, duePerTopic.get(item.topic) ?? 0, a ? `${Math.round(a.accuracy * 100)}%` : m.noReviewsYet)}`;
			}
		}
	};
	const rowsShown: Array<{item: Item | null; text: string}> = [];
	items.forEach((item, i) => {
		if (i === 4) rowsShown.push({item: null, text: m.topicsHeading});
		rowsShown.push({item, text: lineOf(item)});
	});
	const selectedRow = rowsShown.findIndex((r) => r.item === selected);
	const first = clamp(selectedRow - body + 2, 0, Math.max(0, rowsShown.length - body));
	const titleWidth = Math.max(16, cols - 34);

	return (
		<Box flexDirection="column" width={cols} height={rows}>
			<Box justifyContent="space-between">
				<Text {...theme.style('heading')}>{` ${m.quizTitle}`}</Text>
				<Text {...theme.style('dim')} wrap="truncate-end">{`${m.quizSummary(stats.dueNow, stats.newToday, stats.questions)} `}</Text>
			</Box>
			<Text {...theme.style('dim')}>{'─'.repeat(Math.max(0, cols))}</Text>
			{banner ? (
				<Text {...theme.style('warn')} wrap="truncate-end">
					{` ${SYMBOLS.warn} ${banner}`}
				</Text>
			) : null}
			{help ? (
				<HelpOverlay bindings={BINDINGS} scopes={['quizmenu', 'global']} lang={lang} theme={theme} m={m} width={cols} height={body + 2} />
			) : (
				<Box flexDirection="column" height={body + 1}>
					{rowsShown.slice(first, first + body + 1).map((r, i) => {
						if (!r.item) return <Text key={`h${i}`} {...theme.style('heading')} wrap="truncate-end">{`  ${r.text}`}</Text>;
						const focused = r.item === selected;
						const mark = focused ? SYMBOLS.cursor : ' ';
						const [title, figures] = r.text.split('\t');
						return (
							<Box key={`${first + i}`}>
								<Box width={figures ? titleWidth : cols}>
									<Text {...theme.style(focused ? 'focus' : r.item.kind === 'due' ? 'accent' : 'text')} wrap="truncate-end">{`${mark} ${title}`}</Text>
								</Box>
								{figures ? <Text {...theme.style('dim')} wrap="truncate-end">{` ${figures}`}</Text> : null}
							</Box>
						);
					})}
				</Box>
			)}
			<Box paddingLeft={1}>
				<KeyBar bindings={BINDINGS} scopes={scopes} lang={lang} theme={theme} />
			</Box>
		</Box>
	);
}
