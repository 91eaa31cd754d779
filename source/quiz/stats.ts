/** What the stats screen shows, computed from the review log and the cards (pure). */
import type {QuizProgress} from '../store/types.js';
import type {Bank} from './bank.js';
import {dayKey, dueQueue} from './schedule.js';

export type TopicStats = {topic: string; title: string; reviews: number; correct: number; accuracy: number};

export type Stats = {
	/** Cards due now, and new questions still allowed today. */
	dueNow: number;
	newToday: number;
	/** Cards that fall due later today. */
	dueLaterToday: number;
	/** Reviews per day for the last `days` days, oldest first. */
	perDay: Array<{day: string; reviews: number}>;
	/**
	 * Retention: of the reviews of questions seen before (not their first review), the share not
	 * rated "again", over the last 30 days. Null before there is any such review.
	 */
	retention: number | null;
	/** Accuracy by topic, weakest first (topics with reviews only). */
	topics: TopicStats[];
	totalReviews: number;
	cards: number;
	questions: number;
};

export function quizStats(quiz: QuizProgress, bank: Bank, now: Date, days = 14): Stats {
	const queue = dueQueue(quiz, bank.questions, now);
	const today = dayKey(now);
	const dueLaterToday = bank.questions.filter((q) => {
		const c = Object.hasOwn(quiz.cards, q.id) ? quiz.cards[q.id] : undefined;
		return c !== undefined && Date.parse(c.due) > now.getTime() && dayKey(new Date(c.due)) === today;
	}).length;

	const counts = new Map<string, number>();
	for (const r of quiz.reviews) counts.set(dayKey(new Date(r.at)), (counts.get(dayKey(new Date(r.at))) ?? 0) + 1);
	const perDay: Stats['perDay'] = [];
	for (let i = days - 1; i >= 0; i--) {
		const d = new Date(now);
		d.setDate(d.getDate() - i);
		perDay.push({day: dayKey(d), reviews: counts.get(dayKey(d)) ?? 0});
	}

	const seen = new Set<string>();
	const since = now.getTime() - 30 * 86_400_000;
	let again = 0;
	let repeat = 0;
	for (const r of quiz.reviews) {
		if (seen.has(r.id) && Date.parse(r.at) >= since) {
			repeat++;
			if (r.rating === 1) again++;
		}
		seen.add(r.id);
	}

	const byTopic = new Map<string, {reviews: number; correct: number}>();
	for (const r of quiz.reviews) {
		const t = byTopic.get(r.topic) ?? {reviews: 0, correct: 0};
		t.reviews++;
		if (r.correct) t.correct++;
		byTopic.set(r.topic, t);
	}
	const titles = new Map(bank.topics.map((t) => [t.id, t.title]));
	const topics = [...byTopic.entries()]
		.map(([topic, t]) => ({topic, title: titles.get(topic) ?? topic, ...t, accuracy: t.correct / t.reviews}))
		.sort((a, b) => a.accuracy - b.accuracy || b.reviews - a.reviews || (a.topic < b.topic ? -1 : 1));

	return {
		dueNow: queue.due.length,
		newToday: queue.fresh.length,
		dueLaterToday,
		perDay,
		retention: repeat === 0 ? null : (repeat - again) / repeat,
		topics,
		totalReviews: quiz.reviews.length,
		cards: Object.keys(quiz.cards).length,
		questions: bank.questions.length,
	};
}
