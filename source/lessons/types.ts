/**
 * What the lesson loader produces (LESSON-FORMAT.md). The UI, `synack lint` and the quiz
 * read lessons only through these types.
 */
export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

export const TRACKS = ['foundations', 'tcp', 'web', 'security', 'scale'] as const;
export type Track = (typeof TRACKS)[number];

export type QuizType = 'single' | 'multi' | 'order' | 'number' | 'recall';

export type Quiz = {
	id: string;
	type: QuizType;
	question: string;
	/** The options for single, multi and order; empty for number and recall. */
	choices: string[];
	/**
	 * single: the index of the right choice; multi: the indices of all right choices (any order);
	 * order: the indices of the choices in the right order; number: the number; recall: model answer text.
	 */
	answer: number | number[] | string;
	explain: string;
	source: string;
	/**
	 * A predict-then-run question: after answering, one key opens this lab with `setup`
	 * already played, so the learner sees the model do what the question asked about.
	 */
	run?: {lab: string; setup: unknown};
	/** Where the ```quiz fence opens. */
	file: string;
	line: number;
};

export type LessonBlock = {kind: 'markdown'; text: string; line: number} | {kind: 'quiz'; quiz: Quiz};

/** A `## ` heading starts a page; text before the first heading belongs to page 1 with the lesson title. */
export type LessonPage = {title: string; line: number; blocks: LessonBlock[]};

export type LessonObjective = {
	id: string;
	text: string;
	/** The raw `check` from the front matter, already validated by the lab's parseCheck. */
	check: unknown;
	line: number;
};

export type Lesson = {
	id: string;
	lang: Lang;
	file: string;
	title: string;
	track: Track;
	order: number;
	minutes: number;
	/** The lab this lesson drives, e.g. 'tcp'. */
	lab: string | null;
	/** The lab's starting settings (validated by the lab's init). */
	setup: unknown;
	objectives: LessonObjective[];
	sources: string[];
	pages: LessonPage[];
};

export type Severity = 'error' | 'warning';
export type Problem = {file: string; line: number; message: string; severity: Severity};

/** A lesson file that failed validation: listed on the map with its problems, never opened. */
export type BrokenLesson = {file: string; lang: Lang; id: string | null; title: string | null; problems: Problem[]};

/**
 * One file of the question bank (`lessons/<lang>/bank/[NN-]<topic>.md`): a `# ` title and
 * quiz blocks only. Its topic is the file name without the number, which orders the topics.
 * A block with errors is left out (and reported); the file's other blocks still count.
 */
export type BankTopic = {topic: string; lang: Lang; file: string; title: string; quizzes: Quiz[]};

export type Catalog = {
	/** Valid lessons per language, sorted by track (in TRACKS order), then order, then id. */
	lessons: Record<Lang, Lesson[]>;
	broken: BrokenLesson[];
	/** The question bank per language, in file-name order (the numbers make a curriculum). */
	banks: Record<Lang, BankTopic[]>;
	/** Every problem found, including warnings that do not break a lesson (e.g. a language pair that differs). */
	problems: Problem[];
};
