/**
 * Pure updates to Progress: each returns a new Progress (or the same one when nothing
 * changes) and never mutates its argument. Bad values (a negative page, a NaN answer) throw
 * a RangeError here rather than producing a file that would not load back.
 */
import {PROGRESS_VERSION, type Answer, type LessonProgress, type Progress, type QuizProgress} from './types.js';
import {DEFAULT_NEW_PER_DAY} from './defaults.js';
import {checked, givenValue} from './validate.js';

export function emptyQuiz(): QuizProgress {
	return {cards: {}, reviews: [], exams: [], settings: {newPerDay: DEFAULT_NEW_PER_DAY}};
}

export function emptyProgress(): Progress {
	return {version: PROGRESS_VERSION, lessons: {}, last: null, quiz: emptyQuiz()};
}

/** The learner's progress in one lesson: an empty one when they have not opened it. */
export function lessonProgress(p: Progress, lesson: string): LessonProgress {
	// hasOwn: a lesson id such as "constructor" must not find Object.prototype's.
	const found = Object.hasOwn(p.lessons, lesson) ? p.lessons[lesson] : undefined;
	return found ?? {pagesSeen: [], page: 0, objectivesDone: [], answers: {}};
}

/** The learner opened `page` of `lesson`: seen, current, and where "continue" goes. */
export function visitPage(p: Progress, lesson: string, page: number): Progress {
	if (!Number.isSafeInteger(page) || page < 0) throw new RangeError(`page: expected a whole number, found ${page}`);
	const l = lessonProgress(p, lesson);
	const pagesSeen = l.pagesSeen.includes(page) ? [...l.pagesSeen] : [...l.pagesSeen, page].sort((a, b) => a - b);
	return withLesson({...p, last: {lesson, page}}, lesson, {...l, pagesSeen, page});
}

/** Mark an objective done; doing it again changes nothing (and returns `p` itself). */
export function completeObjective(p: Progress, lesson: string, objective: string): Progress {
	const l = lessonProgress(p, lesson);
	if (l.objectivesDone.includes(objective)) return p;
	return withLesson(p, lesson, {...l, objectivesDone: [...l.objectivesDone, objective]});
}

/** Record an answer to a quiz: the latest answer and time are kept, attempts counts them all. */
export function recordAnswer(
	p: Progress,
	lesson: string,
	quiz: string,
	given: Answer['given'],
	correct: boolean,
	now: Date,
): Progress {
	const value = checked(() => givenValue(given, 'given')); // copies a list, so the caller may reuse theirs
	const at = now.toISOString(); // RangeError for an invalid Date
	const l = lessonProgress(p, lesson);
	const before = Object.hasOwn(l.answers, quiz) ? l.answers[quiz] : undefined;
	const answer: Answer = {given: value, correct, at, attempts: (before?.attempts ?? 0) + 1};
	return withLesson(p, lesson, {...l, answers: {...l.answers, [quiz]: answer}});
}

function withLesson(p: Progress, lesson: string, l: LessonProgress): Progress {
	// A computed key defines an own property, even for "__proto__".
	return {...p, lessons: {...p.lessons, [lesson]: l}};
}
