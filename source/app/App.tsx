/**
 * Navigation between the lesson map, a lesson and the bare lab; owns the learner's progress
 * and saves it (atomically) after every change.
 */
import {Box, Text, useApp} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {messages} from '../i18n/index.js';
import {byPlace} from '../lessons/catalog.js';
import {lessonFor} from '../lessons/load.js';
import type {Catalog, Lang, Lesson} from '../lessons/types.js';
import {completeObjective, lessonProgress, recordAnswer, saveProgress, visitPage} from '../store/progress.js';
import type {LoadedProgress, Progress} from '../store/types.js';
import type {AnyLab} from './hooks/use-lab-session.js';
import {useKeys} from './hooks/use-keys.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {HomeScreen} from './screens/HomeScreen.js';
import {LabScreen} from './screens/LabScreen.js';
import {LessonScreen} from './screens/LessonScreen.js';
import {QuizMenuScreen} from './screens/QuizMenuScreen.js';
import {QuizSessionScreen} from './screens/QuizSessionScreen.js';
import {StatsScreen} from './screens/StatsScreen.js';
import {CertScreen, type CertInspection} from './screens/CertScreen.js';
import {buildBank, type Bank} from '../quiz/bank.js';
import {adoptAnswers} from '../quiz/adopt.js';
import {dueQueue, restartChanged, review} from '../quiz/schedule.js';
import {startSession, type Session, type SessionMode} from '../quiz/session.js';
import {quizStats} from '../quiz/stats.js';
import {makeTheme} from './theme.js';

export type Screen =
	| {name: 'home'}
	| {name: 'lesson'; id: string}
	| {name: 'lab'; lab: string}
	| {name: 'quiz'}
	| {name: 'quiz-session'; mode: SessionMode; topic: string | null; count?: number; newPerDay?: number}
	| {name: 'stats'}
	| {name: 'cert'; inspection: CertInspection};

export type AppProps = {
	catalog: Catalog;
	labs: Record<string, AnyLab>;
	loaded: LoadedProgress;
	dataDir: string;
	lang: Lang;
	color: boolean;
	start: Screen;
	/** Where progress goes; tests pass their own. */
	save?: (p: Progress) => Promise<void>;
	/** The wall clock (quiz scheduling and exam timing); tests pass a fixed one. */
	clock?: () => Date;
};

/**
 * Entering quiz mode: lesson answers not yet reviewed become reviews, and cards whose question
 * changed materially restart. Returns the same progress when nothing changes.
 */
export function prepareQuiz(p: Progress, bank: Bank): {progress: Progress; changed: string[]} {
	const adopted = adoptAnswers(p, bank);
	const {quiz, changed} = restartChanged(adopted, bank);
	return {progress: quiz === p.quiz ? p : {...p, quiz}, changed: changed.map((q) => q.id)};
}

/**
 * The state a lesson's lab opens in. Replaying a long setup is not free, and App re-renders on
 * every progress change, so it is done once per lesson (the actor reads only its first input).
 */
const starts = new WeakMap<Lesson, ReturnType<AnyLab['init']>>();
function labStart(lab: AnyLab, lesson: Lesson): ReturnType<AnyLab['init']> {
	let init = starts.get(lesson);
	if (!init) {
		init = lab.init(lesson.setup);
		starts.set(lesson, init);
	}
	return init;
}

/** Every lesson, in the learner's language where it exists, else in English (marked on open). */
export function lessonsIn(catalog: Catalog, lang: Lang): Lesson[] {
	const byId = new Map<string, Lesson>();
	for (const l of catalog.lessons.en) byId.set(l.id, l);
	for (const l of catalog.lessons[lang]) byId.set(l.id, l);
	return [...byId.values()].sort(byPlace);
}

export const MIN_COLS = 60;
export const MIN_ROWS = 16;

export function App(props: AppProps) {
	const {exit} = useApp();
	const size = useTerminalSize();
	// One row less than the terminal: Ink clears the whole screen on every frame once the output
	// is as tall as the terminal (flicker, lost scrollback). The live area always stays shorter.
	const cols = size.cols;
	const rows = size.rows - 1;
	const [lang, setLang] = useState<Lang>(props.lang);
	const [screen, setScreen] = useState<Screen>(props.start);
	const clock = props.clock ?? (() => new Date());
	const bank = useMemo(() => buildBank(props.catalog, lang), [props.catalog, lang]);
	const quizStart = props.start.name === 'quiz' || props.start.name === 'quiz-session' || props.start.name === 'stats';
	const [first] = useState(() => {
		if (!quizStart) return {progress: props.loaded.progress, changed: []};
		const prepared = prepareQuiz(props.loaded.progress, bank);
		// `synack quiz --new-per-day N` changes the cap for good (it is saved with the progress).
		const cap = props.start.name === 'quiz-session' ? props.start.newPerDay : undefined;
		if (cap === undefined || cap === prepared.progress.quiz.settings.newPerDay) return prepared;
		return {...prepared, progress: {...prepared.progress, quiz: {...prepared.progress.quiz, settings: {...prepared.progress.quiz.settings, newPerDay: cap}}}};
	});
	const [progress, setProgress] = useState<Progress>(first.progress);
	const [changed, setChanged] = useState<ReadonlySet<string>>(new Set(first.changed));
	const [session, setSession] = useState<Session | null>(() =>
		props.start.name === 'quiz-session' ? startSession(bank, first.progress.quiz, {mode: props.start.mode, topic: props.start.topic, count: props.start.count, now: clock()}) : null,
	);
	const [saveError, setSaveError] = useState<string | null>(null);
	const m = messages(lang);
	const theme = useMemo(() => makeTheme(props.color), [props.color]);
	const save = props.save ?? ((p: Progress) => saveProgress(p, props.dataDir));
	// The latest progress, for updates made by several keys within one chunk of input, and for
	// a review that must answer at once when its card is next due.
	const latest = useRef(first.progress);

	const update = useCallback(
		(change: (p: Progress) => Progress) => {
			const before = latest.current;
			const next = change(before);
			if (next === before) return before;
			latest.current = next;
			setProgress(next);
			save(next).then(
				() => setSaveError(null),
				(error: Error) => setSaveError(error.message),
			);
			return next;
		},
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[props.dataDir],
	);
	// The first quiz preparation changed the progress: save it once.
	useEffect(() => {
		if (first.progress !== props.loaded.progress) save(first.progress).catch((error: Error) => setSaveError(error.message));
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	const openQuiz = (next: Screen) => {
		const prepared = prepareQuiz(latest.current, bank);
		if (prepared.progress !== latest.current) update(() => prepared.progress);
		if (prepared.changed.length > 0) setChanged((c) => new Set([...c, ...prepared.changed]));
		if (next.name === 'quiz-session') setSession(startSession(bank, latest.current.quiz, {mode: next.mode, topic: next.topic, count: next.count, now: clock()}));
		setScreen(next);
	};

	const tooSmall = size.cols < MIN_COLS || size.rows < MIN_ROWS;
	// While too small no screen is mounted; this keeps stdin (and so the process) alive until a resize.
	useKeys((name) => {
		if (name === 'q') exit();
	}, tooSmall);

	if (tooSmall) {
		return (
			<Box width={cols} height={rows} alignItems="center" justifyContent="center">
				<Text wrap="truncate-end">{m.tooSmall(size.cols, size.rows)}</Text>
			</Box>
		);
	}

	const lessons = lessonsIn(props.catalog, lang);
	const notice = props.loaded.notice ? m.progressMoved(props.loaded.notice.movedTo, props.loaded.notice.reason) : null;
	const banner = saveError ? m.saveFailed(saveError) : notice;
	const home = () => setScreen({name: 'home'});
	const homeQueue = screen.name === 'home' ? dueQueue(progress.quiz, bank.questions, clock()) : null;
	const homeQuizLine = homeQueue && bank.questions.length > 0 ? m.homeQuizLine(homeQueue.due.length, homeQueue.fresh.length) : null;

	if (screen.name === 'cert') {
		return <CertScreen {...screen.inspection} cols={cols} rows={rows} theme={theme} lang={lang} m={m} onBack={() => exit()} />;
	}

	if (screen.name === 'quiz-session' && session) {
		return (
			<QuizSessionScreen
				key={`${session.startedAt}:${session.mode}:${session.topic ?? ''}`}
				bank={bank}
				initial={session}
				changed={changed}
				labs={props.labs}
				cols={cols}
				rows={rows}
				theme={theme}
				lang={lang}
				m={m}
				clock={clock}
				onReview={(q, rating, correct) => {
					const p = update((p) => ({...p, quiz: review(p.quiz, q, rating, correct, session.mode, clock())}));
					return new Date(p.quiz.cards[q.id]!.due);
				}}
				onExamDone={(result) => update((p) => ({...p, quiz: {...p.quiz, exams: [...p.quiz.exams, result]}}))}
				onBack={() => openQuiz({name: 'quiz'})}
			/>
		);
	}

	if (screen.name === 'quiz' || screen.name === 'stats' || screen.name === 'quiz-session') {
		const stats = quizStats(progress.quiz, bank, clock());
		const changedBanner = changed.size > 0 ? m.changedNotice(changed.size) : null;
		if (screen.name === 'stats') {
			return <StatsScreen stats={stats} cols={cols} rows={rows} theme={theme} lang={lang} m={m} onPractise={(topic) => openQuiz({name: 'quiz-session', mode: 'practice', topic})} onBack={() => setScreen({name: 'quiz'})} />;
		}
		const duePerTopic = new Map<string, number>();
		const queue = dueQueue(progress.quiz, bank.questions, clock());
		for (const q of [...queue.due, ...queue.fresh]) duePerTopic.set(q.topic, (duePerTopic.get(q.topic) ?? 0) + 1);
		return (
			<QuizMenuScreen
				bank={bank}
				stats={stats}
				duePerTopic={duePerTopic}
				banner={banner ?? changedBanner}
				cols={cols}
				rows={rows}
				theme={theme}
				lang={lang}
				m={m}
				onStart={(mode, topic) => openQuiz({name: 'quiz-session', mode, topic})}
				onStats={() => setScreen({name: 'stats'})}
				onBack={home}
			/>
		);
	}

	if (screen.name === 'lab') {
		const lab = props.labs[screen.lab]!;
		const init = lab.init({});
		return <LabScreen lab={lab} snapshot={init.ok ? init.snapshot : undefined} cols={cols} rows={rows} theme={theme} lang={lang} m={m} onBack={() => exit()} />;
	}

	if (screen.name === 'lesson') {
		const found = lessonFor(props.catalog, screen.id, lang);
		if (found) {
			const {lesson, fallback} = found;
			const lab = lesson.lab ? (props.labs[lesson.lab] ?? null) : null;
			const init = lab ? labStart(lab, lesson) : null;
			return (
				<LessonScreen
					key={`${lesson.id}:${lesson.lang}`}
					lesson={lesson}
					fallback={fallback}
					lab={lab}
					labSnapshot={init && init.ok ? init.snapshot : undefined}
					progress={lessonProgress(progress, lesson.id)}
					cols={cols}
					rows={rows}
					theme={theme}
					lang={lang}
					m={m}
					onVisit={(page) => update((p) => visitPage(p, lesson.id, page))}
					onObjective={(id) => update((p) => completeObjective(p, lesson.id, id))}
					onAnswer={(quiz, given, correct) => update((p) => recordAnswer(p, lesson.id, quiz, given, correct, new Date()))}
					onBack={home}
				/>
			);
		}
	}

	return (
		<HomeScreen
			lessons={lessons}
			broken={props.catalog.broken}
			progress={progress}
			banner={banner}
			cols={cols}
			rows={rows}
			theme={theme}
			lang={lang}
			m={m}
			onOpen={(id) => {
				const found = lessonFor(props.catalog, id, lang);
				update((p) => visitPage(p, id, p.lessons[id]?.page ?? 0));
				if (found) setScreen({name: 'lesson', id});
			}}
			quizLine={homeQuizLine}
			onQuiz={() => openQuiz({name: 'quiz'})}
			onStats={() => openQuiz({name: 'stats'})}
			onLang={() => setLang((l) => (l === 'en' ? 'zh' : 'en'))}
			onQuit={() => exit()}
		/>
	);
}
