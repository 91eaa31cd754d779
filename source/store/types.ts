/** The learner's progress, as kept in one JSON file (ARCHITECTURE.md § Persistence). */
export const PROGRESS_VERSION = 1;

export type Answer = {
	/** What the learner answered: an index, indices, a number, or for recall a self-rating. */
	given: number | number[] | string;
	correct: boolean;
	/** ISO time of the last answer. */
	at: string;
	attempts: number;
};

export type LessonProgress = {
	/** Pages (0-based) the learner has opened. */
	pagesSeen: number[];
	/** The page they were last on. */
	page: number;
	objectivesDone: string[];
	/** Quiz answers by quiz id. */
	answers: Record<string, Answer>;
};

export type Progress = {
	version: typeof PROGRESS_VERSION;
	lessons: Record<string, LessonProgress>;
	/** Where "continue" takes the learner. */
	last: {lesson: string; page: number} | null;
};

export type LoadedProgress = {
	progress: Progress;
	file: string;
	/** Set when the file could not be read and was moved aside: tell the learner once. */
	notice: {movedTo: string; reason: string} | null;
};
