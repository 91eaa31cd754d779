import {describe, expect, test} from 'vitest';
import {fingerprint, materialChange, normalise, similarity} from '../../source/quiz/fingerprint.js';
import {bankEn, bankZh} from './helpers.js';

describe('fingerprints', () => {
	test('punctuation, case and spacing are not material; the answer key always is', () => {
		expect(normalise('Why,  THREE segments?')).toBe('whythreesegments');
		expect(normalise('为什么要 三次握手？')).toBe('为什么要三次握手');
		const en = bankEn.byId.get('handshake-why-three')!;
		const zh = bankZh.byId.get('handshake-why-three')!;
		expect(fingerprint(en.quiz, 'en').key).toBe('single|2|0');
		expect(materialChange(fingerprint(en.quiz, 'en'), fingerprint(zh.quiz, 'zh'))).toBe(false);
		expect(materialChange(fingerprint(en.quiz, 'en'), fingerprint({...zh.quiz, answer: 1}, 'zh'))).toBe(true);
		expect(fingerprint(bankEn.byId.get('handshake-recall')!.quiz, 'en').key).toBe('recall|0|');
	});

	test('similarity is Dice over character pairs, for Chinese too', () => {
		expect(similarity('abcd', 'abcd')).toBe(1);
		expect(similarity('abcd', 'wxyz')).toBe(0);
		expect(similarity('三次握手为什么是三次', '三次握手为什么不是两次')).toBeGreaterThan(0.6);
		expect(similarity('三次握手为什么是三次', '四次挥手中谁进入等待')).toBeLessThan(0.3);
	});
});
