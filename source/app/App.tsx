/**
 * Navigation between the lesson map, a lesson and the bare lab; owns the learner's progress
 * and saves it (atomically) after every change.
 */
import {Box, Text, useApp} from 'ink';
import {useCallback, useMemo, useState} from 'react';
import {messages} from '../i18n/index.js';
import {lessonFor} from '../lessons/load.js';
import {TRACKS, type Catalog, type Lang, type Lesson} from '../lessons/types.js';
import {completeObjective, lessonProgress, recordAnswer, saveProgress, visitPage} from '../store/progress.js';
import type {LoadedProgress, Progress} from '../store/types.js';
import type {AnyLab} from './hooks/use-lab-session.js';
import {useKeys} from './hooks/use-keys.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {HomeScreen} from './screens/HomeScreen.js';
import {LabScreen} from './screens/LabScreen.js';
import {LessonScreen} from './screens/LessonScreen.js';
import {makeTheme} from './theme.js';

export type Screen = {name: 'home'} | {name: 'lesson'; id: string} | {name: 'lab'; lab: string};

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
};

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
	return [...byId.values()].sort(
		(a, b) => TRACKS.indexOf(a.track) - TRACKS.indexOf(b.track) || a.order - b.order || a.id.localeCompare(b.id),
	);
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
	const [progress, setProgress] = useState<Progress>(props.loaded.progress);
	const [saveError, setSaveError] = useState<string | null>(null);
	const m = messages(lang);
	const theme = useMemo(() => makeTheme(props.color), [props.color]);
	const save = props.save ?? ((p: Progress) => saveProgress(p, props.dataDir));

	const update = useCallback(
		(change: (p: Progress) => Progress) => {
			setProgress((p) => {
				const next = change(p);
				save(next).then(
					() => setSaveError(null),
					(error: Error) => setSaveError(error.message),
				);
				return next;
			});
		},
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[props.dataDir],
	);

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
			onLang={() => setLang((l) => (l === 'en' ? 'zh' : 'en'))}
			onQuit={() => exit()}
		/>
	);
}
