/**
 * A quiz session: practice (instant feedback), exam (timed, feedback at the end) or interview
 * (notes, reveal, self-rating). A predict-then-run question opens its lab in place with `r`
 * after the answer, and `q` there comes back to the question.
 */
import {Box, Text} from 'ink';
import {useEffect, useMemo, useRef, useState} from 'react';
import stringWidth from 'string-width';
import type {Messages} from '../../i18n/index.js';
import type {Lang, Quiz} from '../../lessons/types.js';
import type {Bank, Question} from '../../quiz/bank.js';
import {rightAnswerText, type Given} from '../../quiz/grade.js';
import {ratingFor, type Rating} from '../../quiz/schedule.js';
import {advance, answer, current, expire, scoreCard, type Session} from '../../quiz/session.js';
import type {ExamResult} from '../../store/types.js';
import {HelpOverlay} from '../components/HelpOverlay.js';
import {KeyBar} from '../components/KeyBar.js';
import {PageView} from '../components/PageView.js';
import {clamp, duration} from '../format.js';
import type {AnyLab} from '../hooks/use-lab-session.js';
import {useKeys} from '../hooks/use-keys.js';
import {BINDINGS, resolve, type KeyScope} from '../keys.js';
import {quizCardLines, type RichLine} from '../page-lines.js';
import {emptyDraft, quizKeyFor, quizReduce, type QuizDraft, type QuizKey} from '../quiz-state.js';
import {renderMarkdown} from '../../lessons/markdown.js';
import {SYMBOLS, type Theme} from '../theme.js';
import {LabScreen} from './LabScreen.js';

type Phase = 'answering' | 'notes' | 'revealed' | 'feedback';

type Props = {
	bank: Bank;
	initial: Session;
	/** Ids whose card restarted because the question changed. */
	changed: ReadonlySet<string>;
	labs: Record<string, AnyLab>;
	cols: number;
	rows: number;
	theme: Theme;
	lang: Lang;
	m: Messages;
	clock: () => Date;
	/** Record a review; returns when the card is next due. */
	onReview: (q: Question, rating: Rating, correct: boolean) => Date;
	onExamDone: (result: ExamResult) => void;
	onBack: () => void;
};

type Live = {session: Session; draft: QuizDraft; phase: Phase; notes: string; nextDue: Date | null};

export function QuizSessionScreen(props: Props) {
	const {bank, cols, rows, theme, lang, m} = props;
	const [state, setStateRaw] = useState<Live>(() => ({session: props.initial, draft: emptyDraft(), phase: startPhase(props.initial, bank), notes: '', nextDue: null}));
	// Keys typed quickly arrive in one chunk: each must see what the one before did.
	const live = useRef(state);
	const setState = (next: Live) => {
		live.current = next;
		setStateRaw(next);
	};
	const [help, setHelp] = useState(false);
	const [running, setRunning] = useState(false);
	const [top, setTop] = useState(0);
	const [now, setNow] = useState(() => props.clock().getTime());
	const {session, draft, phase} = state;
	const id = current(session);
	const q = id ? bank.byId.get(id)! : null;
	const exam = session.mode === 'exam';

	// The exam clock: tick every second, end the exam when time is up.
	useEffect(() => {
		if (!exam || session.finished) return;
		const timer = setInterval(() => {
			const t = props.clock();
			setNow(t.getTime());
			const s = expire(live.current.session, t);
			if (s !== live.current.session) setState({...live.current, session: s});
		}, 1000);
		return () => clearInterval(timer);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [exam, session.finished]);

	const examSaved = useRef(false);
	useEffect(() => {
		if (!exam || !session.finished || examSaved.current) return;
		examSaved.current = true;
		const card = scoreCard(session, bank, props.clock());
		props.onExamDone({at: props.clock().toISOString(), seconds: card.seconds, total: card.total, correct: card.correct, byTopic: card.byTopic});
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [exam, session.finished]);

	const record = (s: Live, question: Question, rating: Rating, correct: boolean, given: Given): Live => {
		const t = props.clock();
		const nextDue = props.onReview(question, rating, correct);
		const answered = answer(s.session, {id: question.id, correct, rating, given}, nextDue, t);
		if (answered.mode === 'exam') return nextQuestion({...s, session: answered});
		return {...s, session: answered, phase: 'feedback', nextDue};
	};
	const nextQuestion = (s: Live): Live => {
		const session = advance(s.session);
		setTop(0);
		return {session, draft: emptyDraft(), phase: startPhase(session, bank), notes: '', nextDue: null};
	};

	const quizKey = (k: QuizKey) => {
		const s = live.current;
		const question = current(s.session) ? bank.byId.get(current(s.session)!)! : null;
		if (!question || s.phase !== 'answering') return;
		const {draft: d, submitted} = quizReduce(question.quiz, s.draft, k);
		if (!submitted) return setState({...s, draft: d});
		const rating = question.quiz.type === 'recall' ? ((submitted.given as number) + 1) as Rating : ratingFor(submitted.correct);
		setState(record({...s, draft: d}, question, rating, submitted.correct, submitted.given));
	};

	const canRun = (question: Question | null) => Boolean(question?.quiz.run && props.labs[question.quiz.run.lab]);
	const scopes: KeyScope[] = help ? ['overlay'] : session.finished ? ['session', 'global'] : phase === 'notes' ? ['notes'] : phase === 'answering' ? ['quiz', 'global'] : ['session', 'global'];

	useKeys((name) => {
		const s = live.current;
		const question = current(s.session) ? bank.byId.get(current(s.session)!)! : null;
		const sc: KeyScope[] = help ? ['overlay'] : s.session.finished ? ['session', 'global'] : s.phase === 'notes' ? ['notes'] : s.phase === 'answering' ? ['quiz', 'global'] : ['session', 'global'];
		const b = resolve(BINDINGS, sc, name);
		if (!b) {
			// Interview notes: every other printable key types.
			if (s.phase === 'notes' && [...name].length === 1 && name >= ' ') setState({...s, notes: (s.notes + name).slice(-400)});
			if (s.phase === 'notes' && name === 'space') setState({...s, notes: `${s.notes} `});
			return;
		}
		const cardKey = quizKeyFor(b.id, name);
		if (cardKey) return quizKey(cardKey);
		switch (b.id) {
			case 'overlay.close':
				return setHelp(false);
			case 'app.help':
				return setHelp(true);
			case 'app.back':
			case 'quiz.leave':
			case 'notes.leave':
				return props.onBack();
			case 'notes.erase':
				return setState({...s, notes: [...s.notes].slice(0, -1).join('')});
			case 'notes.reveal':
				return setState({...s, phase: 'revealed'});
			case 'session.rate': {
				if (s.phase !== 'revealed' || !question) return;
				const rating = Number(name) as Rating;
				return setState(record(s, question, rating, rating >= 3, rating - 1));
			}
			case 'session.run':
				if ((s.phase === 'feedback' || s.phase === 'revealed') && canRun(question)) setRunning(true);
				return;
			case 'session.next':
				if (s.session.finished) return props.onBack();
				if (s.phase === 'feedback') return setState(nextQuestion(s));
				return;
		}
	}, !running);

	// The key bar shows only what the keys do now: rate after a reveal, next after feedback, run where there is a lab.
	const barBindings = BINDINGS.filter(
		(b) =>
			(b.id !== 'session.rate' || phase === 'revealed') &&
			(b.id !== 'session.next' || phase === 'feedback' || session.finished) &&
			(b.id !== 'session.run' || (canRun(q) && !session.finished)) &&
			(b.id !== 'quiz.toggle' || q?.quiz.type === 'multi') &&
			(b.id !== 'quiz.up' || (q?.quiz.choices.length ?? 0) > 0),
	);
	const header = [
		`${m.modeNames[session.mode]} · ${session.topic ? (bank.topics.find((t) => t.id === session.topic)?.title ?? session.topic) : m.allTopics}`,
		session.finished ? '' : m.position(Math.min(session.index + 1, session.queue.length), session.queue.length),
		exam && session.deadline !== null && !session.finished ? m.timeLeft(clock(Math.max(0, session.deadline - now))) : '',
	]
		.filter(Boolean)
		.join(' · ');
	const width = Math.min(cols - 2, 100);
	const bodyRows = rows - 3;

	const lines = useMemo((): RichLine[] => {
		if (session.finished) return summaryLines(session, bank, m, width, props.clock());
		if (!q) return [];
		const out: RichLine[] = [];
		if (props.changed.has(q.id)) out.push([{text: `${SYMBOLS.warn} ${m.changedTag}`, tone: 'warn'}], []);
		const topicTitle = bank.topics.find((t) => t.id === q.topic)?.title ?? q.topic;
		if (phase === 'notes' || phase === 'revealed' || (session.mode === 'interview' && phase === 'feedback')) {
			out.push(...interviewLines(q.quiz, topicTitle, state.notes, phase, width, m));
		} else {
			out.push(...quizCardLines(q.quiz, topicTitle, width, true, draft, undefined, m));
		}
		if (phase === 'feedback' || phase === 'revealed') {
			const hints = [phase === 'feedback' ? m.nextHint : m.rateHint, canRun(q) ? m.runHint : '', state.nextDue ? m.nextDue(when(state.nextDue, props.clock(), m)) : ''].filter(Boolean);
			out.push([], [{text: hints.join('   '), tone: 'accent'}]);
		}
		return out;
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [session, q, draft, phase, state.notes, state.nextDue, width, m]);

	// Keep the end of the card (feedback, the model answer) in view.
	const maxTop = Math.max(0, lines.length - bodyRows);
	useEffect(() => setTop(maxTop), [maxTop]);

	if (running && q?.quiz.run) {
		const lab = props.labs[q.quiz.run.lab]!;
		const init = lab.init(q.quiz.run.setup);
		return (
			<Box flexDirection="column" width={cols} height={rows}>
				<Text {...theme.style('accent')} wrap="truncate-end">{` ${m.runTitle(lab.title)}`}</Text>
				<LabScreen lab={lab} snapshot={init.ok ? init.snapshot : undefined} cols={cols} rows={rows - 1} theme={theme} lang={lang} m={m} onBack={() => setRunning(false)} />
			</Box>
		);
	}

	return (
		<Box flexDirection="column" width={cols} height={rows}>
			<Text {...theme.style('heading')} wrap="truncate-end">{` ${header}`}</Text>
			<Text {...theme.style('dim')}>{'─'.repeat(Math.max(0, cols))}</Text>
			{help ? (
				<HelpOverlay bindings={BINDINGS} scopes={['quiz', 'session', 'notes', 'global']} lang={lang} theme={theme} m={m} width={cols} height={bodyRows} />
			) : (
				<Box paddingLeft={1} height={bodyRows}>
					<PageView lines={lines} top={clamp(top, 0, maxTop)} height={bodyRows} width={width} theme={theme} />
				</Box>
			)}
			<Box paddingLeft={1}>
				<KeyBar bindings={barBindings} scopes={scopes} lang={lang} theme={theme} />
			</Box>
		</Box>
	);
}

/** Interview mode opens with the notes field; the others with the card. */
function startPhase(s: Session, bank: Bank): Phase {
	const id = current(s);
	return s.mode === 'interview' && id && bank.byId.get(id) ? 'notes' : 'answering';
}

const clock = (ms: number) => {
	const s = Math.ceil(ms / 1000);
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function when(due: Date, now: Date, m: Messages): string {
	const minutes = Math.max(1, Math.round((due.getTime() - now.getTime()) / 60_000));
	return minutes < 24 * 60 ? m.inMinutes(minutes) : m.inDays(Math.round(minutes / (24 * 60)));
}

const md = (text: string, width: number, tone?: RichLine[number]['tone']): RichLine[] =>
	renderMarkdown(text, width).map((line) => line.map((s) => (tone ? {...s, tone} : s)));

/** The interview card: the question alone, the learner's notes, then the model answer as key points. */
function interviewLines(quiz: Quiz, topic: string, notes: string, phase: Phase, width: number, m: Messages): RichLine[] {
	const out: RichLine[] = [[{text: `┌ ${topic} `, tone: 'accent', bold: true}, {text: '─'.repeat(Math.max(0, width - stringWidth(topic) - 4)), tone: 'accent'}]];
	out.push(...md(quiz.question, width - 2));
	out.push([], [{text: `[${m.notesLabel}] `, tone: 'dim'}, {text: `${notes}${phase === 'notes' ? '▌' : ''}`, tone: 'accent'}]);
	if (phase === 'notes') {
		out.push([], [{text: m.notesHint, tone: 'dim'}]);
		return out;
	}
	out.push([], [{text: m.modelAnswer, tone: 'heading', bold: true}]);
	if (quiz.type === 'recall') out.push(...md(String(quiz.answer), width - 2, 'ok'));
	else out.push(...md(`${m.rightAnswer}: ${rightAnswerText(quiz)}`, width - 2, 'ok'));
	out.push([], ...md(quiz.explain, width - 2), [{text: `${m.source}: ${quiz.source}`, tone: 'dim'}]);
	return out;
}

function summaryLines(s: Session, bank: Bank, m: Messages, width: number, now: Date): RichLine[] {
	const titleOf = (topic: string) => bank.topics.find((t) => t.id === topic)?.title ?? topic;
	const out: RichLine[] = [];
	if (s.queue.length === 0) {
		out.push(...md(m.nothingDue, width), [], [{text: m.backToMenu, tone: 'accent'}]);
		return out;
	}
	if (s.mode === 'exam') {
		const card = scoreCard(s, bank, now);
		const pct = card.total === 0 ? 0 : Math.round((100 * card.correct) / card.total);
		out.push([{text: m.examDone, tone: 'heading', bold: true}], [], [{text: m.examScore(card.correct, card.total, pct, duration(card.seconds * 1000)), tone: pct >= 60 ? 'ok' : 'warn', bold: true}]);
		if (card.unanswered > 0) out.push([{text: m.examUnanswered(card.unanswered), tone: 'warn'}]);
		out.push([], [{text: m.byTopic, tone: 'heading'}]);
		const topics = Object.entries(card.byTopic).sort((a, b) => a[1].correct / a[1].total - b[1].correct / b[1].total);
		for (const [topic, t] of topics) out.push([{text: `  ${t.correct}/${t.total}  `, tone: t.correct === t.total ? 'ok' : 'warn'}, {text: titleOf(topic)}]);
	} else {
		const right = s.outcomes.filter((o) => o.correct).length;
		out.push([{text: m.sessionDone, tone: 'heading', bold: true}], [], [{text: m.sessionScore(right, s.outcomes.length), tone: 'ok', bold: true}]);
	}
	const answered = new Map(s.outcomes.map((o) => [o.id, o]));
	const wrong = [...new Set(s.queue)].filter((id) => !answered.get(id)?.correct);
	if (wrong.length > 0) {
		out.push([], [{text: m.wrongOnes, tone: 'heading'}]);
		for (const id of wrong) {
			const q = bank.byId.get(id);
			if (!q) continue;
			const first = md(q.quiz.question, width - 4)[0] ?? [];
			out.push([{text: `  ${SYMBOLS.lost} `, tone: 'error'}, ...first]);
			if (s.mode === 'exam' && q.quiz.type !== 'recall') out.push([{text: `     ${m.rightAnswer}: ${rightAnswerText(q.quiz)}`, tone: 'ok'}]);
		}
	}
	out.push([], [{text: m.backToMenu, tone: 'accent'}]);
	return out;
}
