/** The interactive commands as a shell runs them, without a terminal. */
import {describe, expect, test} from 'vitest';
import {synack} from '../helpers/cli.js';

describe('synack without a TTY', () => {
	test('`synack | cat` (no TTY) exits 2 with a one-line hint naming the non-interactive commands', () => {
		for (const args of [[], ['learn', 'tcp-handshake'], ['lab', 'tcp'], ['lab', 'tls'], ['quiz'], ['quiz', '--mode', 'exam'], ['cert', 'inspect', 'test/fixtures/pki/fullchain.pem']]) {
			const r = synack(args, '');
			expect(r.code).toBe(2);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).toContain('synack sim tcp SCRIPT');
			expect(r.stderr).toContain('synack lint');
			expect(r.stderr).toContain('synack cert verify');
		}
	});

	test('quiz and cert inspect check their arguments before asking for a terminal', () => {
		expect(synack(['quiz', '--mode', 'cram'])).toMatchObject({code: 2, stderr: expect.stringContaining('--mode cram: expected practice, exam, interview')});
		expect(synack(['quiz', '--count', '0'])).toMatchObject({code: 2, stderr: expect.stringContaining('--count 0: expected a whole number from 1 to 500')});
		expect(synack(['quiz', '--new-per-day', '-3'])).toMatchObject({code: 2, stderr: expect.stringContaining('--new-per-day -3: expected a whole number from 0 to 9999')});
		expect(synack(['quiz', 'now'])).toMatchObject({code: 2, stderr: expect.stringContaining("quiz takes no argument (got 'now')")});
		expect(synack(['cert', 'inspect'])).toMatchObject({code: 2, stderr: expect.stringContaining('cert inspect takes one file')});
		expect(synack(['cert', 'inspect', 'no/such.pem'])).toMatchObject({code: 2, stderr: expect.stringContaining('cannot read it (no such file)')});
		expect(synack(['cert', 'inspect', 'README.md'])).toMatchObject({code: 2, stderr: expect.stringMatching(/^synack cert inspect: .*README\.md/)});
		expect(synack(['cert', 'inspect', 'test/fixtures/pki/fullchain.pem', '--at', 'soon'])).toMatchObject({code: 2, stderr: expect.stringContaining("--at 'soon' is not an ISO 8601 time")});
	});

	test('the hint comes in Chinese with --lang zh', () => {
		const r = synack(['--lang', 'zh'], '');
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('交互式终端');
	});

	test('bad usage exits 2 and names what is wrong', () => {
		expect(synack(['--lang', 'fr']).stderr).toContain('--lang fr: expected en or zh');
		expect(synack(['teleport']).stderr).toContain("unknown command 'teleport'");
		expect(synack(['lab']).code).toBe(2);
		expect(synack(['--frobnicate']).code).toBe(2);
	});

	test('--version and --help', () => {
		const v = synack(['--version']);
		expect(v.code).toBe(0);
		expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		const h = synack(['--help']);
		expect(h.code).toBe(0);
		for (const word of ['synack learn', 'synack lab tcp', 'synack sim tcp', 'synack lint', 'synack quiz', 'synack cert verify', 'synack cert inspect', '--lessons', '--no-color']) expect(h.stdout).toContain(word);
	});
});

describe('synack lint, run as a user runs it', () => {
	test('the shipped lessons are clean', () => {
		const r = synack(['lint']);
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/^\d+ lessons and \d+ bank questions \(en\), \d+ \(zh\) checked, 0 errors, 0 warnings$/m);
	});

	test('broken lessons: exit 1 and file:line: messages', () => {
		const r = synack(['lint', 'test/fixtures/lessons/broken']);
		expect(r.code).toBe(1);
		expect(r.stdout).toMatch(/test\/fixtures\/lessons\/broken\/en\/[\w-]+\.md:\d+: error: /);
	});
});
