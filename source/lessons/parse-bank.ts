/**
 * One bank file (`lessons/<lang>/bank/<topic>.md`) → its quizzes. A bank file holds a `# `
 * title line and ```quiz blocks, nothing else. Unlike a lesson, a bank file is not all or
 * nothing: a broken block is reported with its line and left out, and the file's other
 * blocks still go into the bank.
 */
import {basename} from 'node:path';
import {KEBAB, KEBAB_HINT, type LabRegistry, type LineProblem} from './front-matter.js';
import {FENCE_CLOSE, FENCE_OPEN, parseQuiz, toProblem} from './parse-lesson.js';
import {stripControlSequences as clean} from './sanitize.js';
import type {BankTopic, Lang, Problem, Quiz} from './types.js';

const TITLE = /^ {0,3}#[ \t]+(.+?)[ \t#]*$/;

export function parseBank(file: string, source: string, lang: Lang, labs: LabRegistry): {bank: BankTopic | null; problems: Problem[]} {
	// bank is null only when the file name cannot be a topic id.
	const problems: LineProblem[] = [];
	// `07-tcp-keepalive.md`: the number orders the topics (a curriculum), the rest is the topic.
	const topic = basename(file, '.md').replace(/^\d+-/, '');
	const done = (bank: BankTopic | null) => ({bank, problems: problems.map((p) => toProblem(file, p))});
	if (!KEBAB.test(topic)) {
		problems.push({line: 0, message: `the file name is the topic id, optionally after a number that orders the topics, and must be ${KEBAB_HINT}, e.g. 03-tcp-handshake.md`});
		return done(null);
	}
	const lines = clean(source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')).split('\n');
	let title: string | null = null;
	const quizzes: Quiz[] = [];
	const seen = new Map<string, number>();
	let fence: {char: string; length: number; indent: number; line: number; content: string[]} | null = null;
	let prose: number | null = null;
	let blocks = 0;

	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		const n = i + 1;
		if (fence) {
			const closing = FENCE_CLOSE.exec(line);
			if (closing && closing[1]![0] === fence.char && closing[1]!.length >= fence.length) {
				const quiz = parseQuiz(fence.content.join('\n'), fence.line, file, seen, problems, labs);
				if (quiz) {
					if (quiz.id.startsWith(`${topic}-`)) quizzes.push(quiz);
					else problems.push({line: fence.line, message: `quiz '${quiz.id}': a bank question's id starts with its topic, '${topic}-'`});
				}
				fence = null;
			} else fence.content.push(line.replace(new RegExp(`^ {0,${fence.indent}}`), ''));
			continue;
		}
		if (line.trim() === '') continue;
		const open = FENCE_OPEN.exec(line);
		if (open && open[3]!.trim().split(/\s+/)[0] === 'quiz') {
			fence = {char: open[2]![0]!, length: open[2]!.length, indent: open[1]!.length, line: n, content: []};
			blocks++;
			continue;
		}
		const heading = TITLE.exec(line);
		if (heading && title === null && blocks === 0) {
			title = heading[1]!;
			continue;
		}
		prose ??= n;
	}
	if (fence) problems.push({line: fence.line, message: 'the quiz block is not closed (no closing fence line)'});
	if (prose !== null) problems.push({line: prose, message: 'a bank file holds only its "# title" line and ```quiz blocks; move this text into a lesson or an explain'});
	if (title === null) problems.push({line: 1, message: 'a bank file starts with its topic title: a line "# Title"'});
	if (blocks === 0) problems.push({line: 1, message: 'the bank file has no ```quiz blocks'});
	return done({topic, lang, file, title: title ?? topic, quizzes});
}
