#!/usr/bin/env node
/**
 * synack's entry: parse arguments and pick a command. Everything else lives in commands/.
 */
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {HELP, readArgs, type Flags} from './cli-args.js';
import {tutorCommand} from './commands/tutor.js';
import {detectLang} from './i18n/index.js';
import {MODES, type SessionMode} from './quiz/session.js';

process.title = 'synack';
const args = readArgs(process.argv.slice(2));
const cli = 'input' in args ? args : {input: [], flags: {json: false, color: true} as Flags};
const [command, sub, ...rest] = cli.input;
const io = {
	stdout: (s: string) => process.stdout.write(s),
	stderr: (s: string) => process.stderr.write(s),
	readStdin: () => readFileSync(0, 'utf8'),
};

function usage(message: string): number {
	process.stderr.write(`synack: ${message}\nRun synack --help for the commands.\n`);
	return 2;
}

/** The lessons shipped next to the bundle (bundle/../lessons), then the learner's own folders. */
function lessonDirs(): string[] {
	const builtIn = fileURLToPath(new URL('../lessons', import.meta.url));
	return [builtIn, ...(cli.flags.lessons ?? [])];
}

async function main(): Promise<number> {
	if ('help' in args) {
		io.stdout(HELP);
		return 0;
	}
	if ('version' in args) {
		const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string};
		io.stdout(`${pkg.version}\n`);
		return 0;
	}
	if ('error' in args) return usage(args.error);
	if (command === 'sim') {
		if (sub !== 'tcp') return usage(sub ? `no model '${sub}' to simulate (available: tcp)` : 'sim needs a model: synack sim tcp SCRIPT');
		if (rest.length > 1) return usage(`sim tcp takes one script, got ${rest.length}`);
		// The other commands and the labs load when asked for: the tutor's first frame needs none of them.
		const {simTcpCommand} = await import('./commands/sim-tcp.js');
		return simTcpCommand(rest[0], {json: cli.flags.json}, io);
	}
	if (command === 'cert' && sub !== 'inspect') {
		const {cert, chain, ca, host, at, json} = cli.flags;
		const {certCommand} = await import('./commands/cert.js');
		return certCommand(sub, rest, {cert, chain, ca, host, at, json}, io);
	}
	if (command === 'lint') {
		const dirs = [sub, ...rest].filter((d): d is string => d !== undefined);
		const [{lintCommand}, {LABS}] = await Promise.all([import('./commands/lint.js'), import('./labs.js')]);
		return lintCommand(dirs.length > 0 ? dirs : [fileURLToPath(new URL('../lessons', import.meta.url))], {json: cli.flags.json}, io, LABS);
	}
	const lang = detectLang(cli.flags.lang);
	if (typeof lang === 'object') return usage(lang.error);
	const color = cli.flags.color && !process.env['NO_COLOR'];
	const tty = {stderr: io.stderr, isTty: process.stdin.isTTY === true && process.stdout.isTTY === true};
	const opts = {lang, lessonDirs: lessonDirs(), color, precompiled: fileURLToPath(new URL('catalog.json', import.meta.url))};
	if (command === 'cert' && sub === 'inspect') {
		if (rest.length !== 1) return usage('cert inspect takes one file: synack cert inspect CHAIN.pem [--ca ROOT.pem] [--host NAME] [--at ISO-TIME]');
		const {CertInputError, runCertInspect} = await import('./commands/cert.js');
		let inspection;
		try {
			inspection = {file: rest[0]!, ...runCertInspect(rest[0]!, {ca: cli.flags.ca, host: cli.flags.host, at: cli.flags.at})};
		} catch (error) {
			if (error instanceof CertInputError) {
				process.stderr.write(`synack cert inspect: ${error.message}\n`);
				return 2;
			}
			throw error;
		}
		return tutorCommand({...opts, start: {name: 'cert', inspection}}, tty);
	}
	if (command === undefined) return tutorCommand({...opts, start: {name: 'home'}}, tty);
	if (command === 'learn') {
		if (rest.length > 0) return usage('learn takes one lesson id');
		return tutorCommand({...opts, start: sub ? {name: 'lesson', id: sub} : {name: 'home'}}, tty);
	}
	if (command === 'quiz') {
		if (sub !== undefined) return usage(`quiz takes no argument (got '${sub}'); use --topic, --mode, --count`);
		const mode = cli.flags.mode ?? 'practice';
		if (!(MODES as readonly string[]).includes(mode)) return usage(`--mode ${mode}: expected ${MODES.join(', ')}`);
		const count = cli.flags.count === undefined ? undefined : Number(cli.flags.count);
		if (count !== undefined && !(Number.isSafeInteger(count) && count >= 1 && count <= 500)) return usage(`--count ${cli.flags.count}: expected a whole number from 1 to 500`);
		const cap = cli.flags.newPerDay === undefined ? undefined : Number(cli.flags.newPerDay);
		if (cap !== undefined && !(Number.isSafeInteger(cap) && cap >= 0 && cap <= 9999)) return usage(`--new-per-day ${cli.flags.newPerDay}: expected a whole number from 0 to 9999`);
		return tutorCommand({...opts, start: {name: 'quiz-session', mode: mode as SessionMode, topic: cli.flags.topic ?? null, ...(count ? {count} : {}), ...(cap !== undefined ? {newPerDay: cap} : {})}}, tty);
	}
	if (command === 'lab') {
		if (!sub) return usage(`lab needs a model: synack lab ${Object.keys((await import('./labs.js')).LABS).join('|')}`);
		return tutorCommand({...opts, start: {name: 'lab', lab: sub}}, tty);
	}
	return usage(`unknown command '${command}'`);
}

process.exitCode = await main();
