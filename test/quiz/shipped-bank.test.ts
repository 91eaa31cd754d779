/** The shipped question bank: big enough, in both languages, covering every topic of the catalogue. */
import {describe, expect, test} from 'vitest';
import {LABS} from '../../source/labs.js';
import {loadCatalog} from '../../source/lessons/load.js';
import {LANGS} from '../../source/lessons/types.js';
import {buildBank} from '../../source/quiz/bank.js';

const catalog = loadCatalog({dirs: ['lessons'], labs: LABS});

/** The lesson catalogue the bank must cover (issue: quiz mode), as bank topics or lessons. */
const TOPICS = [
	'layers-arp',
	'tcp-header',
	'tcp-handshake',
	'tcp-teardown',
	'tcp-states',
	'tcp-queues',
	'tcp-keepalive',
	'tcp-framing',
	'udp-vs-tcp',
	'time-wait-scale',
	'http-messages',
	'http-keepalive',
	'dns',
	'url-journey',
	'https-why',
	'tls-handshake',
	'ca-verification',
	'load-balancing',
	'nginx-upstream',
	'proxy',
	'cdn',
	'errata-tcp',
	'errata-web',
];

describe('the shipped bank', () => {
	test('loads with no problem at all', () => {
		expect(catalog.problems).toEqual([]);
	});

	for (const lang of LANGS) {
		test(`${lang}: at least 200 questions (bank and lesson checkpoints), each with explain and source`, () => {
			const bank = buildBank(catalog, lang);
			expect(bank.questions.length).toBeGreaterThanOrEqual(200);
			// Every question is asked in this language, none falls back to English.
			expect(bank.questions.filter((q) => q.lang !== lang).map((q) => q.id)).toEqual([]);
			for (const q of bank.questions) {
				expect(q.quiz.explain.trim().length, q.id).toBeGreaterThan(20);
				expect(q.quiz.source.trim().length, q.id).toBeGreaterThan(3);
			}
		});

		test(`${lang}: every topic of the catalogue has questions, and the spot-the-error sets exist`, () => {
			const bank = buildBank(catalog, lang);
			for (const topic of TOPICS) expect(bank.questions.filter((q) => q.topic === topic).length, topic).toBeGreaterThanOrEqual(5);
		});
	}

	test('the same ids in both languages', () => {
		const ids = (lang: 'en' | 'zh') => buildBank(catalog, lang).questions.map((q) => q.id).sort();
		expect(ids('zh')).toEqual(ids('en'));
	});

	test('predict-then-run questions open a lab that starts from their setup', () => {
		const runs = buildBank(catalog, 'en').questions.filter((q) => q.quiz.run);
		expect(runs.length).toBeGreaterThanOrEqual(10);
		for (const q of runs) expect(LABS[q.quiz.run!.lab]!.init(q.quiz.run!.setup).ok, q.id).toBe(true);
	});

	test('the interview mode has recall questions in every topic file', () => {
		const bank = buildBank(catalog, 'en');
		for (const t of catalog.banks.en) expect(t.quizzes.some((q) => q.type === 'recall'), t.topic).toBe(true);
		expect(bank.questions.filter((q) => q.quiz.type === 'recall').length).toBeGreaterThanOrEqual(23);
	});
});
