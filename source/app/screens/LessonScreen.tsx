/**
 * A lesson: pages of text with checkpoint cards, beside the live lab (≥ 120 columns) or one
 * pane at a time (`v` flips). One input handler; the key table decides what a key means.
 */
import {Box, Text} from 'ink';
import {useEffect, useMemo, useRef, useState} from 'react';
import stringWidth from 'string-width';
import type {Messages} from '../../i18n/index.js';
import type {Lang, Lesson} from '../../lessons/types.js';
import type {Given} from '../../quiz/grade.js';
import type {LessonProgress} from '../../store/types.js';
import {HelpOverlay} from '../components/HelpOverlay.js';
import {useKeys} from '../hooks/use-keys.js';
import {KeyBar} from '../components/KeyBar.js';
import {LabPanel, type ObjectiveLine} from '../components/LabPanel.js';
import {LabStrip} from '../components/LabStrip.js';
import {PageView} from '../components/PageView.js';
import {clamp, seconds} from '../format.js';
import {useLabSession, type AnyLab} from '../hooks/use-lab-session.js';
import {BINDINGS, labBindings, resolve, type KeyScope} from '../keys.js';
import {layoutPage} from '../page-lines.js';
import {emptyDraft, quizKeyFor, quizReduce, type QuizDraft, type QuizKey} from '../quiz-state.js';
import {SYMBOLS, type Theme} from '../theme.js';

export const WIDE = 120;

type Props = {
	lesson: Lesson;
	fallback: boolean;
	lab: AnyLab | null;
	labSnapshot: unknown;
	progress: LessonProgress;
	cols: number;
	rows: number;
	theme: Theme;
	lang: Lang;
	m: Messages;
	onVisit: (page: number) => void;
	onObjective: (id: string) => void;
	onAnswer: (quiz: string, given: Given, correct: boolean) => void;
	onBack: () => void;
};

export function LessonScreen(props: Props) {
	const {lesson, lab, progress, cols, rows, theme, lang, m} = props;
	const session = useLabSession(lab, props.labSnapshot);
	const [page, setPageState] = useState(() => clamp(progress.page, 0, lesson.pages.length - 1));
	const [top, setTop] = useState(0);
	const [pane, setPane] = useState<'text' | 'lab'>('text');
	const [help, setHelp] = useState(false);
	const [quiz, setQuizState] = useState<{id: string; draft: QuizDraft} | null>(null);
	// Keys typed quickly arrive together and are handled in one loop: handlers read these
	// mirrors, so each key sees what the key before it did.
	const live = useRef<{page: number; quiz: {id: string; draft: QuizDraft} | null; lastQuiz: string | null}>({page, quiz, lastQuiz: null});
	const setPage = (p: number) => {
		live.current.page = p;
		setPageState(p);
	};
	const setQuiz = (q: {id: string; draft: QuizDraft} | null) => {
		if (live.current.quiz) live.current.lastQuiz = live.current.quiz.id;
		live.current.quiz = q;
		setQuizState(q);
	};

	const wide = cols >= WIDE && lab !== null;
	const textWidth = wide ? Math.floor(cols / 2) - 1 : cols - 2;
	const labWidth = wide ? cols - textWidth - 2 : cols;
	const strip = lab !== null && !wide && pane === 'text';
	const bodyRows = rows - 2 - (props.fallback ? 1 : 0) - (strip ? 1 : 0);

	const bindings = useMemo(() => [...BINDINGS, ...(lab ? labBindings(lab.actions) : [])], [lab]);
	const current = lesson.pages[page]!;
	const firstQuizNumber = useMemo(
		() => 1 + lesson.pages.slice(0, page).reduce((n, p) => n + p.blocks.filter((b) => b.kind === 'quiz').length, 0),
		[lesson, page],
	);
	const layout = useMemo(
		() => layoutPage(current, textWidth, {focusedQuiz: quiz?.id ?? null, draft: quiz?.draft ?? null, answers: progress.answers, firstQuizNumber, m}),
		[current, textWidth, quiz, progress.answers, firstQuizNumber, m],
	);
	const maxTop = Math.max(0, layout.lines.length - bodyRows);

	// Keep the focused checkpoint in view as it grows (feedback, a revealed answer): its end
	// if that fits, else its start.
	const focusedCard = quiz ? layout.quizzes.find((q) => q.id === quiz.id) : undefined;
	useEffect(() => {
		if (!focusedCard) return;
		const end = focusedCard.line + focusedCard.height;
		setTop((t) => {
			if (focusedCard.line >= t && end <= t + bodyRows) return t;
			return clamp(Math.min(focusedCard.line, end - bodyRows), 0, maxTop);
		});
	}, [focusedCard?.line, focusedCard?.height, bodyRows, maxTop]);

	const checks = useMemo(
		() =>
			lab
				? lesson.objectives.map((o) => {
						const parsed = lab.parseCheck(o.check);
						return {id: o.id, text: o.text, check: 'check' in parsed ? parsed.check : null};
					})
				: [],
		[lab, lesson],
	);
	const objectives: ObjectiveLine[] = checks.map((c) => ({
		id: c.id,
		text: c.text,
		done: progress.objectivesDone.includes(c.id) || (c.check !== null && lab !== null && lab.met(c.check, session.snapshot)),
	}));
	const newlyMet = objectives.filter((o) => o.done && !progress.objectivesDone.includes(o.id)).map((o) => o.id);
	useEffect(() => {
		for (const id of newlyMet) props.onObjective(id);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [newlyMet.join(',')]);

	const goto = (delta: number) => {
		const p = clamp(live.current.page + delta, 0, lesson.pages.length - 1);
		if (p === live.current.page) return;
		setPage(p);
		setTop(0);
		setQuiz(null);
		props.onVisit(p);
	};

	const focusNextQuiz = () => {
		const ids = layout.quizzes.map((q) => q.id);
		if (ids.length === 0) return;
		const unanswered = ids.find((id) => !progress.answers[id]);
		// The checkpoint after the one last visited on this page; else the first unanswered.
		const last = live.current.quiz?.id ?? live.current.lastQuiz;
		const after = last && ids.includes(last) ? ids[(ids.indexOf(last) + 1) % ids.length] : undefined;
		const id = after ?? unanswered ?? ids[0]!;
		setQuiz({id, draft: emptyDraft()});
		if (!wide) setPane('text');
	};

	const quizKey = (k: QuizKey) => {
		const quiz = live.current.quiz;
		if (!quiz) return;
		const block = current.blocks.find((b) => b.kind === 'quiz' && b.quiz.id === quiz.id);
		if (!block || block.kind !== 'quiz') return;
		if (k === 'submit' && quiz.draft.result) {
			setQuiz(null);
			return;
		}
		const {draft, submitted} = quizReduce(block.quiz, quiz.draft, k);
		setQuiz({id: quiz.id, draft});
		if (submitted) props.onAnswer(quiz.id, submitted.given, submitted.correct);
	};

	const scopes: KeyScope[] = help ? ['overlay'] : quiz ? ['quiz', 'global'] : ['lesson', ...(lab ? (['lab'] as const) : []), 'global'];

	useKeys((name) => {
		const q = live.current.quiz;
		const b = resolve(bindings, help ? ['overlay'] : q ? ['quiz', 'global'] : scopes, name);
		if (!b) return;
		const cardKey = quizKeyFor(b.id, name);
		if (cardKey) return quizKey(cardKey);
		switch (b.id) {
			case 'overlay.close':
				return setHelp(false);
			case 'app.help':
				return setHelp(true);
			case 'app.back':
				return q ? setQuiz(null) : props.onBack();
			case 'lesson.prev':
				return goto(-1);
			case 'lesson.next':
				return goto(+1);
			case 'lesson.up':
				return setTop((t) => clamp(t - 1, 0, maxTop));
			case 'lesson.down':
				return setTop((t) => clamp(t + 1, 0, maxTop));
			case 'lesson.view':
				return setPane((p) => (p === 'text' ? 'lab' : 'text'));
			case 'lesson.answer':
				return focusNextQuiz();
			case 'quiz.leave':
				return setQuiz(null);
			default:
				if (b.scope === 'lab') session.press(b.id, name);
		}
	});

	const done = objectives.filter((o) => o.done).length;
	const track = m.tracks[lesson.track] ?? lesson.track;
	const status = [
		`${m.page} ${page + 1}/${lesson.pages.length}`,
		...(lab ? [`${m.objectives} ${done}/${objectives.length}`, `${m.clock} ${seconds(session.view.clock)} ${session.mode === 'step' ? SYMBOLS.pause : SYMBOLS.play}`] : []),
	].join(' · ');
	const lanes = !wide && pane === 'text' && lab ? session.view.lanes.map((l) => `${l.id} ${l.state}`).join(' · ') : '';
	const titleText = ` ${track} › ${lesson.title}`;
	const withLanes = lanes ? `${lanes} · ${status} ` : `${status} `;
	const right = stringWidth(titleText) + stringWidth(withLanes) + 2 <= cols ? withLanes : `${status} `;

	const textPane = <PageView lines={layout.lines} top={clamp(top, 0, maxTop)} height={bodyRows} width={textWidth} theme={theme} />;
	const labPane = lab ? (
		<LabPanel
			title={[lab.title, (session.snapshot as {settings?: {profile?: string}})?.settings?.profile].filter(Boolean).join(' · ')}
			view={session.view}
			focus={session.focus}
			mode={session.mode}
			speed={session.speed}
			width={labWidth}
			height={bodyRows}
			objectives={objectives}
			theme={theme}
			m={m}
		/>
	) : null;

	return (
		<Box flexDirection="column" width={cols} height={rows}>
			<Box width={cols}>
				<Box flexGrow={1} flexShrink={1} minWidth={10}>
					<Text {...theme.style('heading')} wrap="truncate-end">
						{titleText}
					</Text>
				</Box>
				<Box flexShrink={0}>
					<Text {...theme.style('dim')}>{right}</Text>
				</Box>
			</Box>
			{props.fallback ? <Text {...theme.style('warn')} wrap="truncate-end">{` ${m.fallbackNote}`}</Text> : null}
			{help ? (
				<HelpOverlay bindings={bindings} scopes={['lesson', 'quiz', ...(lab ? (['lab'] as const) : []), 'global']} lang={lang} theme={theme} m={m} width={cols} height={bodyRows} />
			) : wide ? (
				<Box height={bodyRows}>
					<Box width={textWidth + 2} paddingLeft={1}>
						{textPane}
					</Box>
					{labPane}
				</Box>
			) : (
				<Box height={bodyRows} paddingLeft={pane === 'text' ? 1 : 0}>
					{pane === 'text' || !labPane ? textPane : labPane}
				</Box>
			)}
			{strip && !help ? <LabStrip view={session.view} focus={session.focus} theme={theme} m={m} /> : null}
			<Box paddingLeft={1}>
				<KeyBar bindings={bindings} scopes={scopes} lang={lang} theme={theme} />
			</Box>
		</Box>
	);
}
