/**
 * The question bank quiz mode draws on: every lesson checkpoint plus every bank file
 * (LESSON-FORMAT.md), in the learner's language where it exists, else in English. A question
 * is identified by its id in both languages, so switching language keeps its card.
 */
import type {Catalog, Lang, Quiz} from '../lessons/types.js';

export type Topic = {id: string; title: string; lesson: string | null};
export type Question = {id: string; topic: string; quiz: Quiz; lang: Lang};
export type Bank = {topics: Topic[]; questions: Question[]; byId: Map<string, Question>};

/**
 * Topics come in the bank's file order (its numbers make the curriculum); a lesson with no
 * bank file of its own comes first, in lesson order. Within a topic the lesson's checkpoints
 * come before the bank's questions. New cards are introduced in this order.
 */
export function buildBank(catalog: Catalog, lang: Lang): Bank {
	const topics = new Map<string, Topic>();
	const questions = new Map<string, Question>();
	const add = (topic: string, quiz: Quiz, from: Lang) => {
		questions.set(quiz.id, {id: quiz.id, topic, quiz, lang: from});
	};
	// English first, then the learner's language over it: a question missing in Chinese is asked in English.
	const langs: Lang[] = lang === 'en' ? ['en'] : ['en', lang];
	for (const l of langs) {
		for (const lesson of catalog.lessons[l]) {
			topics.set(lesson.id, {id: lesson.id, title: lesson.title, lesson: lesson.id});
			for (const page of lesson.pages) for (const b of page.blocks) if (b.kind === 'quiz') add(lesson.id, b.quiz, l);
		}
		for (const bank of catalog.banks[l]) {
			// A lesson of the same id names the topic; otherwise the bank file's title does.
			if (!topics.get(bank.topic)?.lesson) topics.set(bank.topic, {id: bank.topic, title: bank.title, lesson: null});
			for (const quiz of bank.quizzes) add(bank.topic, quiz, l);
		}
	}
	const bankOrder = new Map(catalog.banks.en.map((t, i) => [t.topic, i]));
	for (const t of catalog.banks[lang]) if (!bankOrder.has(t.topic)) bankOrder.set(t.topic, bankOrder.size);
	const lessonOrder = new Map([...topics.keys()].map((id, i) => [id, i]));
	const rank = (topic: string) => (bankOrder.has(topic) ? 1_000_000 + bankOrder.get(topic)! : lessonOrder.get(topic) ?? 0);
	const ordered = [...topics.values()].sort((a, b) => rank(a.id) - rank(b.id));
	// A stable sort by topic keeps each topic's lesson checkpoints before its bank questions.
	const list = [...questions.values()].sort((a, b) => rank(a.topic) - rank(b.topic));
	const used = new Set(list.map((q) => q.topic));
	return {topics: ordered.filter((t) => used.has(t.id)), questions: list, byId: questions};
}

export function topicTitle(bank: Bank, topic: string): string {
	return bank.topics.find((t) => t.id === topic)?.title ?? topic;
}
