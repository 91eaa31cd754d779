/** The learner's progress, as kept in one JSON file (ARCHITECTURE.md § Persistence). */
/** 2 added `quiz` (the review schedule); a version-1 file loads with an empty one. */
export const PROGRESS_VERSION = 2;

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

/**
 * One question's card in the review schedule: ts-fsrs's Card with dates as ISO text, plus what
 * the question said when the card was last reviewed (to notice a material change).
 */
export type StoredCard = {
	due: string;
	stability: number;
	difficulty: number;
	elapsedDays: number;
	scheduledDays: number;
	learningSteps: number;
	reps: number;
	lapses: number;
	/** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
	state: number;
	lastReview: string | null;
	/** The first review: new cards per day are counted by it. */
	introduced: string;
	/** The question as it was reviewed: its answer key and its text (normalised), in `lang`. */
	fingerprint: {key: string; text: string; lang: string};
};

export type QuizMode = 'practice' | 'exam' | 'interview' | 'lesson';

/** One review: the learner answered (or rated) a question. */
export type Review = {id: string; topic: string; at: string; rating: number; correct: boolean; mode: QuizMode};

export type ExamResult = {at: string; seconds: number; total: number; correct: number; byTopic: Record<string, {total: number; correct: number}>};

export type QuizProgress = {
	cards: Record<string, StoredCard>;
	reviews: Review[];
	exams: ExamResult[];
	settings: {newPerDay: number};
};

export type Progress = {
	version: typeof PROGRESS_VERSION;
	lessons: Record<string, LessonProgress>;
	/** Where "continue" takes the learner. */
	last: {lesson: string; page: number} | null;
	quiz: QuizProgress;
};

export type LoadedProgress = {
	progress: Progress;
	file: string;
	/** Set when the file could not be read and was moved aside: tell the learner once. */
	notice: {movedTo: string; reason: string} | null;
};
