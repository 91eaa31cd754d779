/**
 * `sim tcp` reads YAML scripts with js-yaml (YAML 1.2's core schema, sim-yaml.ts) for speed and with yaml for line
 * numbers and errors (commands/sim-tcp.ts). The fast path is only right if both read a script
 * the same way: every shipped script, and the scalars YAML 1.1 and 1.2 disagree on.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {parse} from 'yaml';
import {runSimTcp} from '../../source/commands/sim-tcp.js';
import {loadYaml} from '../../source/commands/sim-yaml.js';

const fast = loadYaml;
const io = {stdout() {}, stderr() {}, readStdin: () => ''};

describe('js-yaml with sim-yaml.ts\'s schema reads scripts as yaml does', () => {
	test('every example script', () => {
		const dir = 'test/fixtures/tcp';
		const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
		expect(files.length).toBeGreaterThan(10);
		for (const f of files) {
			const text = readFileSync(join(dir, f), 'utf8');
			expect(fast(text), f).toEqual(parse(text));
		}
	});

	test('scalars that YAML 1.1 parsers read differently', () => {
		const text = [
			'a: yes', 'b: no', 'c: on', 'd: off', 'e: y', 'f: true', 'g: False', 'h: ~', 'i: null', 'j: 2026-01-01',
			'k: 0x10', 'l: 0o17', 'm: 017', 'n: 1e3', 'o: .5', 'p: .inf', 'q: -.Inf', 'r: 1_000', 's: 12:30', 't: "x # y"', "u: 'it''s'",
			'aa: 0b101', 'ab: -0x10', 'ac: +0o7', 'ad: -.5', 'ae: +12', 'af: 1.', 'ag: 1E3', 'ah: .NaN', 'ai: -0', 'aj: 1_000.5', 'ak: 0x1F', 'al: 1e', 'am: 09', 'an: 0o8',
			'ao: 12345678901234567890', 'ap: -1.5e-3', 'aq: NULL', 'ar: Null', 'as: ""', 'at:', 'au: TRUE', 'av: tRue',
			'v: [1, two, {w: 3}]', 'x: |', '  two', '  lines', 'z: >-', '  folded', '  text',
		].join('\n');
		expect(fast(text)).toEqual(parse(text));
	});

	test('a duplicate key is refused by both (the script then gets yaml\'s message with its line)', () => {
		const text = 'steps:\n  - deliver\nsteps:\n  - drop\n';
		expect(() => fast(text)).toThrow(/duplicated mapping key/);
		expect(() => runSimTcp('-', {...io, readStdin: () => text})).toThrow(/<stdin>:3: not valid YAML or JSON — Map keys must be unique/);
	});

	test('a %YAML 1.1 directive is left to yaml, which then reads 1.1\'s numbers', () => {
		const text = '%YAML 1.1\n---\nsteps:\n  - client: connect\n  - advance: 1_000\n';
		const result = runSimTcp('-', {...io, readStdin: () => text});
		expect(result.steps.map((s) => s.action)).toEqual(['client connect', 'advance 1000']);
	});

	test('anchors and aliases are left to yaml, which limits their expansion', () => {
		const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`), 'steps: [deliver]'].join('\n');
		expect(() => runSimTcp('-', {...io, readStdin: () => bomb})).toThrow(/<stdin>.*not valid YAML or JSON — .*[Aa]lias/);
	});
});
