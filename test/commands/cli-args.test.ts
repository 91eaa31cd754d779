/** The command line as parsed before any command runs. */
import {describe, expect, test} from 'vitest';
import {readArgs} from '../../source/cli-args.js';

describe('readArgs', () => {
	test('command words and options, in any order, with = or a separate value', () => {
		expect(readArgs(['--lang=zh', 'learn', 'tcp-handshake', '--lessons', 'a', '--lessons=b', '--no-color'])).toEqual({
			input: ['learn', 'tcp-handshake'],
			flags: {json: false, color: false, lang: 'zh', lessons: ['a', 'b'], mode: undefined, topic: undefined, count: undefined, newPerDay: undefined, cert: undefined, chain: undefined, ca: undefined, host: undefined, at: undefined},
		});
		const cert = readArgs(['cert', 'verify', '--cert', 'l.pem', '--chain', 'i1.pem', '--chain', 'i2.pem', '--ca', 'r.pem', '--host', 'x.test', '--at', '2026-01-01', '--json']);
		expect(cert).toMatchObject({input: ['cert', 'verify'], flags: {cert: 'l.pem', chain: ['i1.pem', 'i2.pem'], ca: ['r.pem'], host: 'x.test', at: '2026-01-01', json: true, color: true}});
	});

	test('a value may start with a dash: its own check names it', () => {
		expect(readArgs(['quiz', '--new-per-day', '-3', '--count', '-1'])).toMatchObject({flags: {newPerDay: '-3', count: '-1'}});
	});

	test('--help and --version win over everything else, even an unknown option', () => {
		expect(readArgs(['lint', '--help'])).toEqual({help: true});
		expect(readArgs(['--version', 'quiz'])).toEqual({version: true});
		expect(readArgs(['--frobnicate', '--help'])).toEqual({help: true});
	});

	test('a value-taking option followed by another option, or given nothing, names the missing value', () => {
		expect(readArgs(['--lessons', '--no-color'])).toEqual({error: '--lessons needs a value'});
		expect(readArgs(['--lessons='])).toEqual({error: '--lessons needs a value'});
		expect(readArgs(['cert', 'verify', '--ca', ''])).toEqual({error: '--ca needs a value'});
		expect(readArgs(['--at=--soon'])).toMatchObject({flags: {at: '--soon'}});
		expect(readArgs(['--color'])).toMatchObject({flags: {color: true}});
	});

	test('unknown options, missing values and values given to switches are errors that name the option', () => {
		expect(readArgs(['--frobnicate'])).toEqual({error: 'unknown option --frobnicate'});
		expect(readArgs(['-x'])).toEqual({error: 'unknown option -x'});
		expect(readArgs(['learn', '--lang'])).toEqual({error: '--lang needs a value'});
		expect(readArgs(['lint', '--json=yes'])).toEqual({error: "--json takes no value (got 'yes')"});
		expect(readArgs(['--', '--lang'])).toMatchObject({input: ['--lang']});
	});
});
