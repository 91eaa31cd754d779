/** The lesson map: tracks and lessons with progress, "continue", broken lessons with their problems one key away. */
import {Box, Text} from 'ink';
import {useMemo, useState} from 'react';
import type {Messages} from '../../i18n/index.js';
import type {BrokenLesson, Lang, Lesson} from '../../lessons/types.js';
import type {Progress} from '../../store/types.js';
import {HelpOverlay} from '../components/HelpOverlay.js';
import {useKeys} from '../hooks/use-keys.js';
import {KeyBar} from '../components/KeyBar.js';
import {clamp} from '../format.js';
import {BINDINGS, resolve, type KeyScope} from '../keys.js';
import {SYMBOLS, type Theme} from '../theme.js';

type Item = {kind: 'continue'; lesson: Lesson; page: number} | {kind: 'lesson'; lesson: Lesson; n: number} | {kind: 'broken'; broken: BrokenLesson};
type Row = Item | {kind: 'track'; track: string};

type Props = {
	lessons: Lesson[];
	broken: BrokenLesson[];
	progress: Progress;
	banner: string | null;
	cols: number;
	rows: number;
	theme: Theme;
	lang: Lang;
	m: Messages;
	onOpen: (lesson: string) => void;
	/** "Quiz: 14 due today · 36 new", or null without a bank. */
	quizLine: string | null;
	onQuiz: () => void;
	onStats: () => void;
	onLang: () => void;
	onQuit: () => void;
};

export function lessonFigures(lesson: Lesson, progress: Progress) {
	const p = progress.lessons[lesson.id];
	const quizzes = lesson.pages.flatMap((pg) => pg.blocks.filter((b) => b.kind === 'quiz'));
	return {
		pagesSeen: new Set(p?.pagesSeen ?? []).size,
		pages: lesson.pages.length,
		objectivesDone: (p?.objectivesDone ?? []).filter((id) => lesson.objectives.some((o) => o.id === id)).length,
		objectives: lesson.objectives.length,
		right: quizzes.filter((b) => b.kind === 'quiz' && p?.answers[b.quiz.id]?.correct).length,
		quizzes: quizzes.length,
	};
}

export function HomeScreen({lessons, broken, progress, banner, cols, rows, theme, lang, m, onOpen, quizLine, onQuiz, onStats, onLang, onQuit}: Props) {
	const [overlay, setOverlay] = useState<'none' | 'help' | 'broken'>('none');
	const rowsList = useMemo(() => {
		const out: Row[] = [];
		const last = progress.last ? lessons.find((l) => l.id === progress.last!.lesson) : undefined;
		if (last) out.push({kind: 'continue', lesson: last, page: progress.last!.page});
		let track = '';
		let n = 0;
		for (const lesson of lessons) {
			if (lesson.track !== track) {
				track = lesson.track;
				out.push({kind: 'track', track});
			}
			out.push({kind: 'lesson', lesson, n: ++n});
		}
		for (const b of broken) out.push({kind: 'broken', broken: b});
		return out;
	}, [lessons, broken, progress.last]);
	const items = rowsList.filter((r): r is Item => r.kind !== 'track');
	const [cursor, setCursor] = useState(0);
	const selected = items[clamp(cursor, 0, items.length - 1)];

	const scopes: KeyScope[] = overlay === 'none' ? ['home', 'global'] : ['overlay'];
	useKeys((name) => {
		const b = resolve(BINDINGS, scopes, name);
		if (!b) return;
		switch (b.id) {
			case 'overlay.close':
				return setOverlay('none');
			case 'app.help':
				return setOverlay('help');
			case 'app.back':
				return onQuit();
			case 'home.up':
				return setCursor((c) => clamp(c - 1, 0, items.length - 1));
			case 'home.down':
				return setCursor((c) => clamp(c + 1, 0, items.length - 1));
			case 'home.open':
				if (selected?.kind === 'broken') return setOverlay('broken');
				if (selected) return onOpen(selected.lesson.id);
				return;
			case 'home.broken':
				return broken.length > 0 ? setOverlay('broken') : undefined;
			case 'home.lang':
				return onLang();
			case 'home.quiz':
				return quizLine ? onQuiz() : undefined;
			case 'home.stats':
				return quizLine ? onStats() : undefined;
		}
	});

	const totals = lessons.reduce(
		(t, l) => {
			const f = lessonFigures(l, progress);
			return {done: t.done + f.pagesSeen + f.objectivesDone + f.right, all: t.all + f.pages + f.objectives + f.quizzes};
		},
		{done: 0, all: 0},
	);
	const body = rows - 4 - (banner ? 1 : 0) - (quizLine ? 1 : 0);
	const selectedRow = rowsList.findIndex((r) => r === selected);
	const first = clamp(selectedRow - body + 2, 0, Math.max(0, rowsList.length - body));
	const titleWidth = Math.max(12, cols - 40);

	const line = (r: Row, i: number) => {
		const focused = r === selected;
		const cursorMark = focused ? SYMBOLS.cursor : ' ';
		if (r.kind === 'track') return <Text key={`t${i}`} {...theme.style('heading')}>{`  ${m.tracks[r.track] ?? r.track}`}</Text>;
		if (r.kind === 'continue') {
			return (
				<Text key="continue" {...theme.style(focused ? 'focus' : 'accent')} wrap="truncate-end">
					{`${cursorMark}${SYMBOLS.play} ${m.continueAt(r.lesson.title, r.page + 1, r.lesson.pages.length)}`}
				</Text>
			);
		}
		if (r.kind === 'broken') {
			return (
				<Text key={`b${i}`} {...theme.style(focused ? 'focus' : 'warn')} wrap="truncate-end">
					{`${cursorMark} ${SYMBOLS.warn} ${m.broken(r.broken.file, r.broken.problems.length)}`}
				</Text>
			);
		}
		const f = lessonFigures(r.lesson, progress);
		const dots = '●'.repeat(f.pagesSeen) + '○'.repeat(Math.max(0, f.pages - f.pagesSeen));
		return (
			<Box key={r.lesson.id}>
				<Box width={titleWidth}>
					<Text {...theme.style(focused ? 'focus' : 'text')} wrap="truncate-end">{`${cursorMark} ${r.n} ${r.lesson.title}`}</Text>
				</Box>
				<Text {...theme.style('dim')} wrap="truncate-end">
					{` ${dots}  ${f.objectives ? `${m.objectives} ${f.objectivesDone}/${f.objectives}  ` : ''}${m.answered(f.right, f.quizzes)}`}
				</Text>
			</Box>
		);
	};

	const brokenView = (
		<Box flexDirection="column" borderStyle="double" paddingX={1} height={body + 2}>
			<Text {...theme.style('heading')}>{m.brokenTitle}</Text>
			{broken
				.flatMap((b) => b.problems.map((p) => `${p.file}:${p.line}: ${p.message}`))
				.slice(0, body - 1)
				.map((t, i) => (
					<Text key={i} {...theme.style('warn')} wrap="truncate-end">
						{t}
					</Text>
				))}
		</Box>
	);

	return (
		<Box flexDirection="column" width={cols} height={rows}>
			<Box justifyContent="space-between">
				<Text {...theme.style('heading')}>{` ${m.appTitle}`}</Text>
				<Text {...theme.style('dim')}>{`${lang} · ${m.progressTotal(totals.done, totals.all)} `}</Text>
			</Box>
			<Text {...theme.style('dim')}>{'─'.repeat(Math.max(0, cols))}</Text>
			{banner ? (
				<Text {...theme.style('warn')} wrap="truncate-end">
					{` ${SYMBOLS.warn} ${banner}`}
				</Text>
			) : null}
			{overlay === 'help' ? (
				<HelpOverlay bindings={BINDINGS} scopes={['home', 'global']} lang={lang} theme={theme} m={m} width={cols} height={body + 2} />
			) : overlay === 'broken' ? (
				brokenView
			) : (
				<Box flexDirection="column" height={body + 1}>
					{lessons.length === 0 ? <Text {...theme.style('warn')}>{` ${m.noLessons}`}</Text> : null}
					{rowsList.slice(first, first + body + 1).map(line)}
				</Box>
			)}
			{quizLine && overlay === 'none' ? (
				<Text {...theme.style('accent')} wrap="truncate-end">
					{`  ${quizLine}`}
				</Text>
			) : null}
			<Box paddingLeft={1}>
				<KeyBar bindings={BINDINGS} scopes={scopes} lang={lang} theme={theme} />
			</Box>
		</Box>
	);
}
