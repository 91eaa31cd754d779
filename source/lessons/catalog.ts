/**
 * The catalog: every lesson folder read (`DIR/en/*.md`, `DIR/zh/*.md`), ids checked across
 * files, the two languages compared, lessons sorted. A broken lesson never stops the others.
 */
import {isUtf8} from 'node:buffer';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import type {LabRegistry, LineProblem} from './front-matter.js';
import {parseBank} from './parse-bank.js';
import {parseLesson, toProblem, type ParsedLesson} from './parse-lesson.js';
import {LANGS, TRACKS, type BankTopic, type BrokenLesson, type Catalog, type Lang, type Lesson, type Problem, type Quiz} from './types.js';

export type Loaded = {lesson: Lesson; idLine: number};

/**
 * One lesson folder read and each file checked on its own: what can be known without the
 * other folders. The checks across files and folders (unique ids, the two languages, the bank
 * merged by topic) are made by `mergeFolders`. The shipped folder's FolderLoad is computed at
 * build time (precompiled.ts), so only a learner's own folders are parsed at start-up.
 */
export type FolderLoad = {
	problems: Problem[];
	broken: BrokenLesson[];
	loaded: Record<Lang, Loaded[]>;
	banks: Record<Lang, BankTopic[]>;
};

export function loadCatalog(opts: {dirs: string[]; labs: LabRegistry}): Catalog {
	return mergeFolders(opts.dirs.map((dir) => readFolder(dir, opts.labs)));
}

export function readFolder(dir: string, labs: LabRegistry): FolderLoad {
	const out: FolderLoad = {problems: [], broken: [], loaded: {en: [], zh: []}, banks: {en: [], zh: []}};
	const found = lessonFiles(dir);
	if ('problem' in found) {
		out.problems.push({file: dir, line: 0, message: found.problem, severity: 'error'});
		return out;
	}
	for (const {file, lang, bank} of found.files) {
		if (bank) {
			const read = readText(file);
			if ('problem' in read) out.problems.push({file, line: read.line, message: read.problem, severity: 'error'});
			else {
				const parsed = parseBank(file, read.text, lang, labs);
				out.problems.push(...parsed.problems);
				if (parsed.bank) out.banks[lang].push(parsed.bank);
			}
			continue;
		}
		const parsed = readLesson(file, lang, labs);
		if ('broken' in parsed) {
			out.broken.push(parsed.broken);
			out.problems.push(...parsed.broken.problems);
		} else out.loaded[lang].push(parsed);
	}
	return out;
}

/** The folders in order (a later folder's duplicate id is the one in error), checked together. */
export function mergeFolders(folders: FolderLoad[]): Catalog {
	const problems: Problem[] = folders.flatMap((f) => f.problems);
	const broken: BrokenLesson[] = folders.flatMap((f) => f.broken);
	const brokenIds: Record<Lang, Set<string>> = {en: new Set(), zh: new Set()};
	for (const b of broken) if (b.id) brokenIds[b.lang].add(b.id);
	const addBroken = (b: BrokenLesson) => {
		broken.push(b);
		problems.push(...b.problems);
		if (b.id) brokenIds[b.lang].add(b.id);
	};

	const valid: Record<Lang, Loaded[]> = {en: [], zh: []};
	for (const lang of LANGS) {
		for (const item of uniqueIds(folders.flatMap((f) => f.loaded[lang]))) {
			if ('broken' in item) addBroken(item.broken);
			else valid[lang].push(item);
		}
	}
	problems.push(...compareLanguages(valid.en, valid.zh, brokenIds.en));

	const lessons = {en: valid.en.map((l) => l.lesson).sort(byPlace), zh: valid.zh.map((l) => l.lesson).sort(byPlace)};
	const banks = (lang: Lang) => folders.flatMap((f) => f.banks[lang]);
	const bank = {en: mergeTopics(banks('en'), lessons.en, problems), zh: mergeTopics(banks('zh'), lessons.zh, problems)};
	const drift = compareBanks(bank.en, bank.zh);
	problems.push(...drift.problems);
	// A Chinese question that says something else than its English twin is left out: the learner
	// is asked the English one, and the card is the same in both languages.
	const zhBank = bank.zh.map((t) => ({...t, quizzes: t.quizzes.filter((q) => !drift.differ.has(q.id))}));
	return {lessons, broken, banks: {en: bank.en, zh: zhBank}, problems};
}

/** A lesson in the language asked for, else its English version (`fallback: true`), else null. */
export function lessonFor(catalog: Catalog, id: string, lang: Lang): {lesson: Lesson; fallback: boolean} | null {
	const own = catalog.lessons[lang].find((l) => l.id === id);
	if (own) return {lesson: own, fallback: false};
	const en = lang === 'en' ? undefined : catalog.lessons.en.find((l) => l.id === id);
	return en ? {lesson: en, fallback: true} : null;
}

/**
 * Track (in TRACKS order), then order, then id by code unit: the same on every machine, and no
 * localeCompare (its ICU collator costs about 2 MB of resident memory to load).
 */
export const byPlace = (a: Lesson, b: Lesson) => TRACKS.indexOf(a.track) - TRACKS.indexOf(b.track) || a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function isDir(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}

/** The lesson files of one folder and its question bank (`<lang>/bank/*.md`), in a fixed order. */
function lessonFiles(dir: string): {files: Array<{file: string; lang: Lang; bank: boolean}>} | {problem: string} {
	let stat;
	try {
		stat = statSync(dir);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {problem: code === 'ENOENT' ? 'no such lesson folder' : `cannot read the lesson folder (${code ?? (error as Error).message})`};
	}
	if (!stat.isDirectory()) return {problem: 'not a folder: a lesson folder holds en/ and zh/ folders of .md files'};
	const langs = LANGS.filter((lang) => isDir(join(dir, lang)));
	if (langs.length === 0) return {problem: 'no en/ or zh/ folder here: a lesson folder holds en/*.md and zh/*.md'};
	const files: Array<{file: string; lang: Lang; bank: boolean}> = [];
	for (const lang of langs) {
		for (const bank of [false, true]) {
			const sub = bank ? join(dir, lang, 'bank') : join(dir, lang);
			if (bank && !isDir(sub)) continue;
			let names: string[];
			try {
				names = markdownNames(sub);
			} catch (error) {
				return {problem: `cannot list ${bank ? `${lang}/bank/` : `${lang}/`} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`};
			}
			for (const name of names) files.push({file: join(sub, name), lang, bank});
		}
	}
	return {files};
}

/** The .md files directly in a folder, sorted (byte order, the same on every machine). */
export function markdownNames(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true})
		.filter((e) => e.name.endsWith('.md') && !e.isDirectory())
		.map((e) => e.name)
		.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A file's text, or why it cannot be read (not there, not UTF-8) with the line at fault. */
function readText(file: string): {text: string} | {problem: string; line: number} {
	let bytes: Buffer;
	try {
		bytes = readFileSync(file);
	} catch (error) {
		return {problem: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, line: 0};
	}
	if (!isUtf8(bytes)) return {problem: 'not valid UTF-8 text (the first bad byte is on this line); save the file as UTF-8', line: badUtf8Line(bytes)};
	return {text: bytes.toString('utf8')};
}

function readLesson(file: string, lang: Lang, labs: LabRegistry): ParsedLesson {
	const broken = (line: number, message: string): ParsedLesson => ({
		broken: {file, lang, id: null, title: null, problems: [toProblem(file, {line, message})]},
	});
	const read = readText(file);
	if ('problem' in read) return broken(read.line, read.problem);
	try {
		return parseLesson(file, read.text, lang, labs);
	} catch (error) {
		return broken(1, `cannot read the lesson (${(error as Error).message})`);
	}
}

/** A UTF-8 character never contains the byte 0x0a, so the first bad line can be tested alone. */
function badUtf8Line(bytes: Buffer): number {
	let line = 1;
	let start = 0;
	for (let i = 0; i <= bytes.length; i++) {
		if (i === bytes.length || bytes[i] === 0x0a) {
			if (!isUtf8(bytes.subarray(start, i))) return line;
			line++;
			start = i + 1;
		}
	}
	return 1;
}

/** Lesson ids and quiz ids are unique within one language; the later file is the one in error. */
function uniqueIds(list: Loaded[]): Array<Loaded | {broken: BrokenLesson}> {
	const lessonIds = new Map<string, string>();
	const quizIds = new Map<string, Quiz>();
	return list.map((item) => {
		const {lesson, idLine} = item;
		const problems: LineProblem[] = [];
		const first = lessonIds.get(lesson.id);
		if (first !== undefined) problems.push({line: idLine, message: `duplicate lesson id '${lesson.id}' (already used by ${first})`});
		for (const quiz of quizzesOf(lesson)) {
			const other = quizIds.get(quiz.id);
			if (other) problems.push({line: quiz.line, message: `quiz '${quiz.id}': duplicate quiz id (already used in ${other.file}:${other.line})`});
		}
		if (problems.length > 0) {
			return {broken: {file: lesson.file, lang: lesson.lang, id: lesson.id, title: lesson.title, problems: problems.map((p) => toProblem(lesson.file, p))}};
		}
		lessonIds.set(lesson.id, lesson.file);
		for (const quiz of quizzesOf(lesson)) quizIds.set(quiz.id, quiz);
		return item;
	});
}

const quizzesOf = (lesson: Lesson): Quiz[] => lesson.pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === 'quiz' ? [b.quiz] : [])));

/** Chinese lessons should mirror their English ones: same objectives, same quizzes, same answers. */
function compareLanguages(en: Loaded[], zh: Loaded[], brokenEn: Set<string>): Problem[] {
	const out: Problem[] = [];
	const byId = new Map(en.map((l) => [l.lesson.id, l.lesson]));
	for (const {lesson, idLine} of zh) {
		const warn = (line: number, message: string) => out.push(toProblem(lesson.file, {line, message}, 'warning'));
		const twin = byId.get(lesson.id);
		if (!twin) {
			if (!brokenEn.has(lesson.id)) warn(idLine, `lesson '${lesson.id}' has no English version (no en/ lesson has this id)`);
			continue;
		}
		const there = `the English lesson ${twin.file}`;
		for (const key of ['lab', 'track', 'order'] as const) {
			if (lesson[key] !== twin[key]) warn(idLine, `${key} is ${String(lesson[key])} here but ${String(twin[key])} in ${there}`);
		}
		if (stableJson(lesson.setup) !== stableJson(twin.setup)) warn(idLine, `setup differs from ${there}`);
		const mine = lesson.objectives.map((o) => o.id);
		const theirs = twin.objectives.map((o) => o.id);
		if (mine.join() !== theirs.join()) {
			warn(lesson.objectives[0]?.line ?? idLine, `objectives differ from ${there}: [${mine.join(', ')}] here, [${theirs.join(', ')}] there`);
		}
		const enQuizzes = new Map(quizzesOf(twin).map((q) => [q.id, q]));
		const zhQuizzes = quizzesOf(lesson);
		for (const q of zhQuizzes) {
			const e = enQuizzes.get(q.id);
			if (!e) warn(q.line, `quiz '${q.id}' is not in ${there}`);
			else if (q.type !== e.type) warn(q.line, `quiz '${q.id}': type ${q.type} here, ${e.type} in ${twin.file}:${e.line}`);
			else if (q.choices.length !== e.choices.length) warn(q.line, `quiz '${q.id}': ${q.choices.length} choices here, ${e.choices.length} in ${twin.file}:${e.line}`);
			else if (q.type !== 'recall' && answerKey(q) !== answerKey(e)) {
				warn(q.line, `quiz '${q.id}': answer ${JSON.stringify(q.answer)} here, ${JSON.stringify(e.answer)} in ${twin.file}:${e.line}`);
			}
		}
		const own = new Set(zhQuizzes.map((q) => q.id));
		for (const e of enQuizzes.values()) if (!own.has(e.id)) warn(idLine, `quiz '${e.id}' of ${twin.file}:${e.line} is missing here`);
	}
	return out;
}

/** Multi answers are sets: [1, 0] is the same answer as [0, 1]. */
const answerKey = (q: Quiz) => JSON.stringify(q.type === 'multi' && Array.isArray(q.answer) ? [...q.answer].sort((a, b) => a - b) : q.answer);

function stableJson(v: unknown): string {
	if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
	if (typeof v === 'object' && v !== null) {
		return `{${Object.keys(v)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(v) ?? 'undefined';
}

/**
 * Bank topics of one language, merged by topic (two folders may both have tcp-handshake.md)
 * and checked: a bank question's id must not be used by another bank question or by any
 * lesson checkpoint of the language. The later one is left out and reported.
 */
function mergeTopics(list: BankTopic[], lessons: Lesson[], problems: Problem[]): BankTopic[] {
	const taken = new Map<string, Quiz>();
	for (const lesson of lessons) for (const q of quizzesOf(lesson)) taken.set(q.id, q);
	const byTopic = new Map<string, BankTopic>();
	for (const topic of list) {
		const kept: Quiz[] = [];
		for (const q of topic.quizzes) {
			const other = taken.get(q.id);
			if (other) problems.push(toProblem(topic.file, {line: q.line, message: `quiz '${q.id}': duplicate quiz id (already used in ${other.file}:${other.line})`}));
			else {
				taken.set(q.id, q);
				kept.push(q);
			}
		}
		const same = byTopic.get(topic.topic);
		if (same) byTopic.set(topic.topic, {...same, quizzes: [...same.quizzes, ...kept]});
		else byTopic.set(topic.topic, {...topic, quizzes: kept});
	}
	// Files were read in name order per folder; keep that order across folders, first place wins.
	const name = (t: BankTopic) => t.file.slice(t.file.lastIndexOf('/') + 1);
	return [...byTopic.values()].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

/**
 * The bank must say the same in both languages: every id in both, with the same type, the
 * same number of choices and the same answer. Unlike a lesson's drift (a warning), this is an
 * error: quiz mode asks the same card in either language.
 */
function compareBanks(en: BankTopic[], zh: BankTopic[]): {problems: Problem[]; differ: Set<string>} {
	const out: Problem[] = [];
	const differ = new Set<string>();
	const index = (topics: BankTopic[]) => new Map(topics.flatMap((t) => t.quizzes.map((q) => [q.id, q] as const)));
	const enQ = index(en);
	const zhQ = index(zh);
	if (zhQ.size === 0 && zh.length === 0) return {problems: out, differ}; // a teacher's English-only bank
	const err = (q: Quiz, message: string) => {
		out.push(toProblem(q.file, {line: q.line, message}));
		if (q.file !== enQ.get(q.id)?.file) differ.add(q.id);
	};
	for (const [id, q] of zhQ) {
		const e = enQ.get(id);
		if (!e) err(q, `quiz '${id}' is not in the English bank (en/bank/): the two languages must carry the same questions`);
		else if (q.type !== e.type) err(q, `quiz '${id}': type ${q.type} here, ${e.type} in ${e.file}:${e.line}`);
		else if (q.choices.length !== e.choices.length) err(q, `quiz '${id}': ${q.choices.length} choices here, ${e.choices.length} in ${e.file}:${e.line}`);
		else if (q.type !== 'recall' && answerKey(q) !== answerKey(e)) err(q, `quiz '${id}': answer ${JSON.stringify(q.answer)} here, ${JSON.stringify(e.answer)} in ${e.file}:${e.line}`);
		else if (stableJson(q.run ?? null) !== stableJson(e.run ?? null)) err(q, `quiz '${id}': lab and setup differ from ${e.file}:${e.line}`);
	}
	for (const [id, e] of enQ) if (!zhQ.has(id)) err(e, `quiz '${id}' has no Chinese version in zh/bank/: the two languages must carry the same questions`);
	return {problems: out, differ};
}
