/** The interactive commands as a shell runs them, without a terminal. */
import {describe, expect, test} from 'vitest';
import {synack} from '../helpers/cli.js';

describe('synack without a TTY', () => {
	test('`synack | cat` (no TTY) exits 2 with a one-line hint naming the non-interactive commands', () => {
		for (const args of [[], ['learn', 'tcp-handshake'], ['lab', 'tcp']]) {
			const r = synack(args, '');
			expect(r.code).toBe(2);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).toContain('synack sim tcp SCRIPT');
			expect(r.stderr).toContain('synack lint');
		}
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
		for (const word of ['synack learn', 'synack lab tcp', 'synack sim tcp', 'synack lint', '--lessons', '--no-color']) expect(h.stdout).toContain(word);
	});
});

describe('synack lint, run as a user runs it', () => {
	test('the shipped lessons are clean', () => {
		const r = synack(['lint']);
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/4 lessons checked, 0 errors, 0 warnings/);
	});

	test('broken lessons: exit 1 and file:line: messages', () => {
		const r = synack(['lint', 'test/fixtures/lessons/broken']);
		expect(r.code).toBe(1);
		expect(r.stdout).toMatch(/test\/fixtures\/lessons\/broken\/en\/[\w-]+\.md:\d+: error: /);
	});
});
