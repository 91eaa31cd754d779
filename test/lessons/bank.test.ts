/** The question bank files: loaded beside the lessons, checked block by block, en and zh compared. */
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {LABS} from '../../source/labs.js';
import {loadCatalog} from '../../source/lessons/load.js';
import {parseBank} from '../../source/lessons/parse-bank.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'lessons', 'bank');
const catalog = loadCatalog({dirs: [dir], labs: LABS});
const rel = (f: string) => f.slice(dir.length + 1);
const problems = catalog.problems.map((p) => `${rel(p.file)}:${p.line}: ${p.message}`);

describe('bank files', () => {
	test('an unquoted " #" that would silently cut the text short is an error, a spaced comment is not', () => {
		const file = join(dir, 'en', 'bank', 'handshake.md');
		const block = (source: string) => `# T\n\n\`\`\`quiz\nid: handshake-x\ntype: recall   # an ordinary comment\nquestion: q\nanswer: a\nexplain: e\nsource: ${source}\n\`\`\`\n`;
		expect(parseBank(file, block('RFC 2986 §3 (PKCS #10)'), 'en', LABS).problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
			'9: quiz block: " #10)" would be read as a YAML comment and dropped from the text: quote the value ("…")',
		]);
		expect(parseBank(file, block('"RFC 2986 §3 (PKCS #10)"'), 'en', LABS).problems).toEqual([]);
	});

	test('each broken block is reported with file:line; the file is not thrown away', () => {
		expect(problems).toEqual([
			"en/bank/closing.md:24: quiz 'handshake-wrong-topic': a bank question's id starts with its topic, 'closing-'",
			"en/bank/handshake.md:20: quiz 'handshake-broken': answer 7 is out of range (2 choices)",
			'zh/bank/closing.md:24: a bank file holds only its "# title" line and ```quiz blocks; move this text into a lesson or an explain',
			"zh/bank/handshake.md:20: quiz 'handshake-broken': answer 7 is out of range (2 choices)",
			"zh/bank/closing.md:12: quiz 'closing-who': answer 1 here, 0 in en/bank/closing.md:12",
		].map((p) => p.replace(/en\/bank\/closing\.md:12$/, join(dir, 'en/bank/closing.md') + ':12')));
		expect(catalog.problems.every((p) => p.severity === 'error')).toBe(true);
	});

	test('the rest of the bank still works: good blocks of broken files are kept, topics sorted', () => {
		expect(catalog.banks.en.map((t) => [t.topic, t.title, t.quizzes.map((q) => q.id)])).toEqual([
			['closing', 'Closing', ['closing-time-wait', 'closing-who']],
			['handshake', 'The handshake', ['handshake-why-three', 'handshake-third-ack-lost', 'handshake-recall']],
		]);
		expect(catalog.banks.zh.map((t) => t.title)).toEqual(['关闭连接', '三次握手']);
		expect(catalog.lessons.en.map((l) => l.id)).toEqual(['mini']);
	});

	test('a predict-then-run question keeps its lab and setup; others have none', () => {
		const [, handshake] = catalog.banks.en;
		expect(handshake!.quizzes[1]!.run).toEqual({
			lab: 'tcp',
			setup: {isn: {client: 100, server: 300}, steps: [{server: 'listen'}, {client: 'connect'}, 'deliver', 'deliver', 'drop', {client: 'send 5'}]},
		});
		expect(handshake!.quizzes[0]!.run).toBeUndefined();
	});

	test('ids are unique across lessons and the bank; lab and setup go together and must work', () => {
		const withDuplicate = loadCatalog({dirs: [dir, join(import.meta.dirname, '..', 'fixtures', 'lessons', 'bank-more')], labs: LABS});
		const more = withDuplicate.problems.filter((p) => p.file.includes('bank-more')).map((p) => `${p.line}: ${p.message}`);
		expect(more).toEqual([
			`11: quiz 'closing-half': setup needs lab: the name of the lab to open (available: ${Object.keys(LABS).join(', ')})`,
			`22: quiz 'closing-bad-lab': lab: there is no lab named "dns" (available: ${Object.keys(LABS).join(', ')})`,
			"37: quiz 'closing-bad-setup': setup: step 1: client: unknown socket call 'fly' (expected listen, connect, send, read, shutdown, close, abort, accept)",
			expect.stringMatching(/^40: quiz 'closing-time-wait': duplicate quiz id \(already used in .*en\/bank\/closing\.md:3\)$/),
		]);
		// The two folders' closing topics merge into one.
		expect(withDuplicate.banks.en.filter((t) => t.topic === 'closing')).toHaveLength(1);
	});
});
