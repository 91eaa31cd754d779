/**
 * The question bank quiz mode draws on: every lesson checkpoint plus every bank file
 * (LESSON-FORMAT.md), in the learner's language where it exists, else in English. A question
 * is identified by its id in both languages, so switching language keeps its card.
 */
import type {Catalog, Lang, Quiz} from '../lessons/types.js';

export type Topic = {id: string; title: string; lesson: string | null};
export type Question = {id: string; topic: string; quiz: Quiz; lang: Lang};
export type Bank = {topics: Topic[]; questions: Question[]; byId: Map<string, Question>};

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
	const list = [...questions.values()];
	const used = new Set(list.map((q) => q.topic));
	return {topics: [...topics.values()].filter((t) => used.has(t.id)), questions: list, byId: questions};
}

export function topicTitle(bank: Bank, topic: string): string {
	return bank.topics.find((t) => t.id === topic)?.title ?? topic;
}
