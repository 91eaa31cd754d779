/**
 * `synack lint [DIR ...] [--json]`: check lesson folders (CLI-JSON.md). Prints
 * `file:line: severity: message` per problem and a summary; exit 1 when any problem is an
 * error, else 0. With no DIR, the built-in `lessons/` folder (relative to the working directory).
 */
import {isAbsolute, relative, resolve} from 'node:path';
import {loadCatalog, stripControlSequences, type LabRegistry} from '../lessons/load.js';
import type {Problem} from '../lessons/types.js';

export type LintIo = {stdout(s: string): void; stderr(s: string): void};

export const DEFAULT_LESSON_DIR = 'lessons';

/** A path as the reader typed it: relative to the working directory when it lies inside it. */
function shown(file: string, cwd: string): string {
	const rel = relative(cwd, resolve(cwd, file));
	return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function lintCommand(dirs: string[], opts: {json: boolean}, io: LintIo, labs: LabRegistry): number {
	const cwd = process.cwd();
	const catalog = loadCatalog({dirs: dirs.length > 0 ? dirs : [DEFAULT_LESSON_DIR], labs});
	const lessons = catalog.lessons.en.length + catalog.lessons.zh.length + catalog.broken.length;
	const bank = {
		en: catalog.banks.en.reduce((n, t) => n + t.quizzes.length, 0),
		zh: catalog.banks.zh.reduce((n, t) => n + t.quizzes.length, 0),
	};
	const bankLine = bank.en + bank.zh > 0 ? ` and ${plural(bank.en, 'bank question')} (en), ${bank.zh} (zh)` : '';
	const problems: Problem[] = catalog.problems
		.map((p) => ({...p, file: shown(p.file, cwd)}))
		.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
	const errors = problems.filter((p) => p.severity === 'error').length;
	const warnings = problems.length - errors;

	if (opts.json) {
		io.stdout(`${JSON.stringify({lessons, bank, problems: problems.map(({file, line, severity, message}) => ({file, line, severity, message}))}, null, 2)}\n`);
	} else {
		for (const p of problems) {
			const where = p.line > 0 ? `${p.file}:${p.line}` : p.file;
			io.stdout(`${stripControlSequences(`${where}: ${p.severity}: ${p.message}`)}\n`);
		}
		io.stdout(`${plural(lessons, 'lesson')}${bankLine} checked, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
	}
	return errors > 0 ? 1 : 0;
}
