/**
 * A lesson page as one flat list of styled lines — markdown and checkpoint cards alike — so
 * the text pane is a window over it (never taller than the terminal).
 */
import stringWidth from 'string-width';
import type {Messages} from '../i18n/index.js';
import {renderMarkdown, type Span} from '../lessons/markdown.js';
import type {LessonPage, Quiz} from '../lessons/types.js';
import {rightAnswerText} from '../quiz/grade.js';
import type {Answer} from '../store/types.js';
import type {QuizDraft} from './quiz-state.js';
import {SYMBOLS, type Token} from './theme.js';

export type RichSpan = Span & {tone?: Token};
export type RichLine = RichSpan[];

export type PageLayout = {lines: RichLine[]; quizzes: Array<{id: string; line: number; height: number}>};

const span = (text: string, tone?: Token, extra: Partial<RichSpan> = {}): RichSpan => ({text, ...(tone ? {tone} : {}), ...extra});

function wrapped(text: string, width: number, tone?: Token): RichLine[] {
	return renderMarkdown(text, width).map((line) => line.map((s) => (tone ? {...s, tone} : s)));
}

const indent = (lines: RichLine[], prefix: RichSpan[]): RichLine[] => lines.map((l) => [...prefix, ...l]);

function choiceMark(quiz: Quiz, draft: QuizDraft | null, i: number): string {
	if (quiz.type === 'multi') return draft?.ticked.includes(i) ? '☑' : '☐';
	if (quiz.type === 'order') {
		const at = draft?.order.indexOf(i) ?? -1;
		return at >= 0 ? `(${at + 1})` : '( )';
	}
	return draft && draft.cursor === i && !draft.result ? '●' : '○';
}

/** The lines of one checkpoint card. */
export function quizCardLines(
	quiz: Quiz,
	heading: string,
	width: number,
	focused: boolean,
	draft: QuizDraft | null,
	stored: Answer | undefined,
	m: Messages,
): RichLine[] {
	const bar: RichSpan = span('│ ', focused ? 'accent' : 'dim');
	const inner = Math.max(16, width - 2);
	const lines: RichLine[] = [[span(`┌ ${heading} `, focused ? 'accent' : 'dim', {bold: true}), span('─'.repeat(Math.max(0, width - stringWidth(heading) - 4)), focused ? 'accent' : 'dim')]];
	lines.push(...indent(wrapped(quiz.question, inner), [bar]));
	quiz.choices.forEach((choice, i) => {
		const cursor = focused && draft && !draft.result && draft.cursor === i ? SYMBOLS.cursor : ' ';
		const head = `${cursor}${choiceMark(quiz, focused ? draft : null, i)} ${i + 1}. `;
		const body = wrapped(choice, Math.max(8, inner - head.length));
		body.forEach((l, j) => lines.push([bar, span(j === 0 ? head : ' '.repeat(head.length), cursor === SYMBOLS.cursor ? 'accent' : undefined), ...l]));
	});
	const result = focused ? draft?.result : null;
	if (quiz.type === 'number' && focused && !result) lines.push([bar, span(`${m.yourAnswer}: `), span(`${draft?.input ?? ''}▌`, 'accent')]);
	if (quiz.type === 'order' && focused && !result && draft && draft.order.length > 0) {
		lines.push([bar, span(`${m.yourAnswer}: ${draft.order.map((i) => i + 1).join(' → ')}`, 'accent')]);
	}
	if (focused && !result) {
		const hint = {single: m.singleHint, multi: m.multiHint, order: m.orderHint, number: m.typeNumber, recall: draft?.revealed ? m.rateHint : m.recallHint}[quiz.type];
		if (quiz.type === 'recall' && draft?.revealed) {
			lines.push([bar, span(m.modelAnswer, 'heading')]);
			lines.push(...indent(wrapped(String(quiz.answer), inner), [bar]));
		}
		lines.push([bar, span(hint, 'dim')]);
	}
	const outcome = result ?? (stored && !focused ? {correct: stored.correct, given: stored.given} : null);
	if (outcome) {
		lines.push([bar, span(outcome.correct ? `${SYMBOLS.done} ${m.correct}` : `${SYMBOLS.lost} ${m.incorrect}`, outcome.correct ? 'ok' : 'error', {bold: true})]);
		if (quiz.type === 'recall') {
			if (result) lines.push(...indent(wrapped(`${m.modelAnswer}: ${String(quiz.answer)}`, inner), [bar]));
		} else if (!outcome.correct || result) {
			lines.push(...indent(wrapped(`${m.rightAnswer}: ${rightAnswerText(quiz)}`, inner, 'ok'), [bar]));
		}
		if (result) {
			lines.push(...indent(wrapped(quiz.explain, inner), [bar]));
			lines.push(...indent(wrapped(`${m.source}: ${quiz.source}`, inner, 'dim'), [bar]));
		}
	} else if (!focused) {
		lines.push([bar, span(m.answerHint, 'dim')]);
	}
	lines.push([span(`└${'─'.repeat(Math.max(0, width - 1))}`, focused ? 'accent' : 'dim')]);
	return lines;
}

export function layoutPage(
	page: LessonPage,
	width: number,
	opts: {
		focusedQuiz: string | null;
		draft: QuizDraft | null;
		answers: Record<string, Answer>;
		firstQuizNumber: number;
		m: Messages;
	},
): PageLayout {
	const lines: RichLine[] = [[span(page.title, 'heading', {bold: true})], []];
	const quizzes: PageLayout['quizzes'] = [];
	let n = opts.firstQuizNumber;
	for (const block of page.blocks) {
		if (block.kind === 'markdown') {
			const md = renderMarkdown(block.text, width);
			if (md.length === 0) continue;
			lines.push(...md, []);
		} else {
			const focused = opts.focusedQuiz === block.quiz.id;
			const card = quizCardLines(block.quiz, opts.m.checkpoint(n++), width, focused, focused ? opts.draft : null, opts.answers[block.quiz.id], opts.m);
			quizzes.push({id: block.quiz.id, line: lines.length, height: card.length});
			lines.push(...card, []);
		}
	}
	while (lines.length > 0 && lines[lines.length - 1]!.length === 0) lines.pop();
	return {lines, quizzes};
}
