/**
 * One lesson file → a Lesson or a BrokenLesson (LESSON-FORMAT.md): front matter, pages split
 * at `## ` headings (never inside fenced code), and ```quiz blocks checked where they stand.
 * Every problem carries the real line in the file.
 */
import {checkFrontMatter, checkSetup, describe, isObject, KEBAB, KEBAB_HINT, keyName, peekIdTitle, readYaml, text, type LabRegistry, type LineProblem, type LocatedYaml} from './front-matter.js';
import {stripControlSequences as clean} from './sanitize.js';
import type {BrokenLesson, Lang, Lesson, LessonBlock, LessonPage, Problem, Quiz, QuizType} from './types.js';

/** What the catalog needs beyond the Lesson: the line of `id:`, for problems about the lesson as a whole. */
export type ParsedLesson = {lesson: Lesson; idLine: number} | {broken: BrokenLesson};

export function parseLessonFile(file: string, source: string, lang: Lang, labs: LabRegistry): {lesson: Lesson} | {broken: BrokenLesson} {
	const parsed = parseLesson(file, source, lang, labs);
	return 'lesson' in parsed ? {lesson: parsed.lesson} : parsed;
}

export function parseLesson(file: string, source: string, lang: Lang, labs: LabRegistry): ParsedLesson {
	const problems: LineProblem[] = [];
	const broken = (id: string | null = null, title: string | null = null): ParsedLesson => ({
		broken: {file, lang, id, title, problems: problems.map((p) => toProblem(file, p))},
	});
	try {
		// Stripping keeps every line feed, so the lines counted below are the file's own lines.
		const lines = clean(source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')).split('\n');
		if (lines[0]?.trimEnd() !== '---') {
			problems.push({line: 1, message: "the file must start with front matter: a line '---', the lesson's YAML keys, then another '---'"});
			return broken();
		}
		const close = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---');
		if (close < 0) {
			problems.push({line: 1, message: "the front matter is not closed: no second '---' line"});
			return broken();
		}
		const read = readYaml(lines.slice(1, close).join('\n'), 2);
		if (!read.ok) {
			problems.push(...read.problems.map((p) => ({line: p.line, message: `front matter: ${p.message}`})));
			return broken();
		}
		const fm = checkFrontMatter(read.yaml, 1, labs, clean, problems);
		const peek = peekIdTitle(read.yaml.data, clean);
		const pages = splitPages(lines, close + 1, fm?.title ?? peek.title ?? '', file, problems, labs);
		if (pages.length === 0) problems.push({line: close + 1, message: 'the lesson has no text after the front matter (a lesson needs at least one page)'});
		if (!fm || problems.length > 0) return broken(peek.id, peek.title);
		return {lesson: {...fm, lang, file, pages}, idLine: read.yaml.lineOf(['id'])};
	} catch (error) {
		problems.push({line: 1, message: `cannot read the lesson (${(error as Error).message})`});
		return broken();
	}
}

export const toProblem = (file: string, p: LineProblem, severity: Problem['severity'] = 'error'): Problem => ({
	file,
	line: p.line,
	message: clean(p.message),
	severity,
});

export const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
export const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const HEADING_2 = /^ {0,3}##(?:[ \t]+(.*?))?[ \t]*$/;

type Fence = {char: string; length: number; indent: number; line: number; quiz: boolean; content: string[]};

/** Split the body (lines from index `start`) into pages; `lines[i]` is line i + 1 of the file. */
function splitPages(lines: string[], start: number, lessonTitle: string, file: string, problems: LineProblem[], labs: LabRegistry): LessonPage[] {
	const pages: LessonPage[] = [];
	let page: LessonPage = {title: lessonTitle, line: 0, blocks: []};
	let chunk: {lines: string[]; line: number} = {lines: [], line: start + 1};
	let fence: Fence | null = null;
	const quizIds = new Map<string, number>();

	const flush = (nextLine: number) => {
		const body = chunk.lines;
		let a = 0;
		let b = body.length;
		while (a < b && body[a]!.trim() === '') a++;
		while (b > a && body[b - 1]!.trim() === '') b--;
		if (a < b) addBlock({kind: 'markdown', text: body.slice(a, b).join('\n'), line: chunk.line + a});
		chunk = {lines: [], line: nextLine};
	};
	const addBlock = (block: LessonBlock) => {
		if (page.blocks.length === 0 && page.line === 0) page.line = block.kind === 'markdown' ? block.line : block.quiz.line;
		page.blocks.push(block);
	};

	for (let i = start; i < lines.length; i++) {
		const line = lines[i]!;
		const n = i + 1;
		if (fence) {
			const closing = FENCE_CLOSE.exec(line);
			if (closing && closing[1]![0] === fence.char && closing[1]!.length >= fence.length) {
				if (fence.quiz) {
					const quiz = parseQuiz(fence.content.join('\n'), fence.line, file, quizIds, problems, labs);
					if (quiz) addBlock({kind: 'quiz', quiz});
					chunk = {lines: [], line: n + 1};
				} else chunk.lines.push(line);
				fence = null;
			} else if (fence.quiz) fence.content.push(line.replace(new RegExp(`^ {0,${fence.indent}}`), ''));
			else chunk.lines.push(line);
			continue;
		}
		const open = FENCE_OPEN.exec(line);
		if (open && !(open[2]![0] === '`' && open[3]!.includes('`'))) {
			const quiz = open[3]!.trim().split(/\s+/)[0] === 'quiz';
			fence = {char: open[2]![0]!, length: open[2]!.length, indent: open[1]!.length, line: n, quiz, content: []};
			if (quiz) flush(n);
			else chunk.lines.push(line);
			continue;
		}
		const heading = HEADING_2.exec(line);
		if (heading) {
			flush(n + 1);
			if (page.blocks.length > 0 || page.line !== 0) pages.push(page);
			const title = (heading[1] ?? '').replace(/(?:^|[ \t]+)#+$/, '').trim();
			page = {title, line: n, blocks: []};
			continue;
		}
		chunk.lines.push(line);
	}
	if (fence?.quiz) problems.push({line: fence.line, message: 'the quiz block is not closed (no closing fence line)'});
	flush(lines.length + 1);
	if (page.blocks.length > 0 || page.line !== 0) pages.push(page);
	return pages;
}

const QUIZ_KEYS = ['id', 'type', 'question', 'choices', 'answer', 'explain', 'source'] as const;
/** The two optional keys of a predict-then-run question. */
const RUN_KEYS = ['lab', 'setup'] as const;
const ALL_KEYS: readonly string[] = [...QUIZ_KEYS, ...RUN_KEYS];
const QUIZ_TYPES: readonly QuizType[] = ['single', 'multi', 'order', 'number', 'recall'];
const WITH_CHOICES: readonly QuizType[] = ['single', 'multi', 'order'];

/** Parse and check one ```quiz block whose fence opens on line `fenceLine`. */
export function parseQuiz(source: string, fenceLine: number, file: string, seen: Map<string, number>, problems: LineProblem[], labs: LabRegistry): Quiz | null {
	const read = readYaml(source, fenceLine + 1);
	if (!read.ok) {
		problems.push(...read.problems.map((p) => ({line: p.line, message: `quiz block: ${p.message}`})));
		return null;
	}
	const raw = read.yaml.data;
	if (!isObject(raw)) {
		problems.push({line: fenceLine, message: `a quiz block is a mapping with ${QUIZ_KEYS.join(', ')}; got ${describe(raw)}`});
		return null;
	}
	const rawId = raw['id'];
	const label = typeof rawId === 'string' && rawId !== '' ? (KEBAB.test(rawId) ? `quiz '${rawId}'` : `quiz ${describe(rawId)}`) : 'quiz';
	const before = problems.length;
	const at = (path: ReadonlyArray<string | number>, message: string) => problems.push({line: read.yaml.lineOf(path), message: `${label}: ${message}`});

	for (const k of Object.keys(raw)) {
		if (!ALL_KEYS.includes(k)) at([k], `unknown key ${keyName(k)} (expected ${QUIZ_KEYS.join(', ')}, and for a predict-then-run question ${RUN_KEYS.join(' and ')})`);
	}
	for (const k of QUIZ_KEYS) {
		if (k !== 'choices' && !(k in raw)) problems.push({line: fenceLine, message: `${label}: missing key '${k}'`});
	}
	const id = raw['id'];
	if ('id' in raw) {
		if (typeof id !== 'string' || !KEBAB.test(id)) at(['id'], `id expects ${KEBAB_HINT}, got ${describe(id)}`);
		else if (seen.has(id)) at(['id'], `duplicate quiz id (the first is at line ${seen.get(id)})`);
		else seen.set(id, fenceLine);
	}
	const type = raw['type'];
	const typeOk = (QUIZ_TYPES as readonly unknown[]).includes(type);
	if ('type' in raw && !typeOk) at(['type'], `type expects one of ${QUIZ_TYPES.join(', ')}; got ${describe(type)}`);
	const strings: Record<'question' | 'explain' | 'source', string | null> = {question: null, explain: null, source: null};
	for (const k of ['question', 'explain', 'source'] as const) {
		strings[k] = text(raw[k], clean);
		if (k in raw && strings[k] === null) at([k], `${k} expects non-empty text, got ${describe(raw[k])}`);
	}
	const choices = typeOk ? checkChoices(raw, type as QuizType, at) : null;
	const answer = typeOk && (choices !== null || !WITH_CHOICES.includes(type as QuizType)) && 'answer' in raw ? checkAnswer(raw['answer'], type as QuizType, choices ?? [], at) : null;

	const run = checkRun(raw, labs, read.yaml, at, (p) => problems.push({...p, message: `${label}: ${p.message}`}));

	if (problems.length > before || answer === null) return null;
	return {
		...(run ? {run} : {}),
		id: id as string,
		type: type as QuizType,
		question: strings.question!,
		choices: choices ?? [],
		answer,
		explain: strings.explain!,
		source: strings.source!,
		file,
		line: fenceLine,
	};
}

type At = (path: ReadonlyArray<string | number>, message: string) => void;

/** `lab` and `setup` go together, name a lab that exists, and the lab must start from the setup. */
function checkRun(raw: Record<string, unknown>, labs: LabRegistry, yaml: LocatedYaml, at: At, report: (p: LineProblem) => void): Quiz['run'] | null {
	if (!('lab' in raw) && !('setup' in raw)) return null;
	const available = Object.keys(labs).join(', ') || 'none';
	if (!('lab' in raw)) {
		at(['setup'], 'setup needs lab: the name of the lab to open (available: ' + available + ')');
		return null;
	}
	const lab = raw['lab'];
	if (typeof lab !== 'string' || !Object.hasOwn(labs, lab)) {
		at(['lab'], `lab: there is no lab named ${describe(lab)} (available: ${available})`);
		return null;
	}
	if (!('setup' in raw)) {
		at(['lab'], 'lab needs setup: the steps that bring the lab to the situation the question asks about');
		return null;
	}
	const problems: LineProblem[] = [];
	checkSetup(labs[lab]!, raw['setup'], yaml, problems);
	problems.forEach(report);
	return problems.length > 0 ? null : {lab, setup: raw['setup']};
}

function checkChoices(raw: Record<string, unknown>, type: QuizType, at: At): string[] | null {
	const v = raw['choices'];
	if (!WITH_CHOICES.includes(type)) {
		if ('choices' in raw) at(['choices'], `a ${type} question has no choices (remove the key)`);
		return null;
	}
	if (!Array.isArray(v) || v.length < 2) {
		at('choices' in raw ? ['choices'] : [], `a ${type} question needs choices: a list of at least 2, got ${'choices' in raw ? describe(v) : 'none'}`);
		return null;
	}
	const out: string[] = [];
	let ok = true;
	v.forEach((c, i) => {
		const s = text(c, clean);
		if (s === null) {
			ok = false;
			const hint = typeof c === 'number' || typeof c === 'boolean' ? ` (quote it: "${String(c)}")` : '';
			at(['choices', i], `choices[${i}] expects non-empty text, got ${describe(c)}${hint}`);
		} else if (out.includes(s)) {
			ok = false;
			at(['choices', i], `choices[${i}] is the same as choices[${out.indexOf(s)}]`);
		}
		out.push(s ?? '');
	});
	return ok ? out : null;
}

function checkAnswer(v: unknown, type: QuizType, choices: string[], at: At): Quiz['answer'] | null {
	const n = choices.length;
	const range = `0 to ${n - 1}`;
	const bad = (path: ReadonlyArray<string | number>, message: string): null => {
		at(path, message);
		return null;
	};
	const isIndex = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
	const outOfRange = (x: number) => `answer ${x} is out of range (${n} choices)`;
	switch (type) {
		case 'single':
			if (!isIndex(v)) return bad(['answer'], `answer expects the index of the right choice (${range}), got ${describe(v)}`);
			if (v < 0 || v >= n) return bad(['answer'], outOfRange(v));
			return v;
		case 'multi':
		case 'order': {
			const hint = type === 'multi' ? 'a non-empty list of the indices of the right choices, such as [0, 2]' : `every choice index (${range}) once, in the right order`;
			if (!Array.isArray(v) || v.length === 0) return bad(['answer'], `answer expects ${hint}; got ${describe(v)}`);
			let ok = true;
			const seen = new Set<number>();
			v.forEach((x, i) => {
				const problem = !isIndex(x)
					? `answer[${i}] expects a choice index (${range}), got ${describe(x)}`
					: x < 0 || x >= n
						? outOfRange(x)
						: seen.has(x)
							? `answer lists choice ${x} twice`
							: null;
				if (problem) {
					ok = false;
					at(['answer', i], problem);
				} else seen.add(x as number);
			});
			if (!ok) return null;
			if (type === 'order' && seen.size !== n) {
				const missing = [...Array(n).keys()].filter((x) => !seen.has(x));
				return bad(['answer'], `answer must list all ${n} choices in the right order; missing ${missing.join(', ')}`);
			}
			return v as number[];
		}
		case 'number':
			if (typeof v !== 'number' || !Number.isFinite(v)) return bad(['answer'], `answer expects a number, got ${describe(v)}`);
			return v;
		case 'recall': {
			const s = text(v, clean);
			return s ?? bad(['answer'], `answer expects the model answer as non-empty text, got ${describe(v)}`);
		}
	}
}
