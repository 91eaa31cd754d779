/**
 * The command line, read with Node's own `util.parseArgs`: synack's options are few and plain,
 * and meow (the parser before) evaluated normalize-package-data, spdx and an ICU collator at
 * every start (about 12 ms and 2 MB before the first frame) for a --help and a --version.
 */
import {parseArgs} from 'node:util';

export const HELP = `
  A terminal tutor for TCP/IP, HTTP and HTTPS: lessons beside live protocol models you drive with keys.

  Usage
    $ synack                          the lesson map
    $ synack learn [LESSON-ID]        open a lesson (or the map)
    $ synack lab tcp                  the TCP lab on its own
    $ synack quiz [--mode practice|exam|interview] [--topic T] [--count N]
                                      interview prep: spaced repetition over every question
    $ synack sim tcp SCRIPT [--json]  run a TCP script (YAML or JSON; - for stdin)
    $ synack lint [DIR ...] [--json]  check lesson files
    $ synack cert verify --cert LEAF.pem [--chain PEM ...] --ca ROOT.pem [--host NAME] [--at ISO-TIME] [--json]
                                      walk a certificate chain as a TLS client does (exit 1 if it fails)
    $ synack cert inspect CHAIN.pem [--ca ROOT.pem] [--host NAME] [--at ISO-TIME]
                                      the same checks as a walk-through in the tutor (without --ca:
                                      Node's built-in Mozilla roots)

  Options
    --lang en|zh      language of the interface and lessons (default: from LANG / LC_ALL)
    --lessons DIR     another folder of lessons (DIR/en/*.md, DIR/zh/*.md); repeatable
    --no-color        no colours (also NO_COLOR=1)
    --json            one JSON document instead of text (sim, lint, cert)
    --cert, --chain, --ca, --host, --at
                      cert verify: the leaf, the intermediates (any order; repeatable), the trusted
                      root(s) (repeatable), the server name to match, the time to check at
                      (ISO 8601, UTC unless an offset is given; default now). A PEM file may hold several.
    --mode, --topic, --count, --new-per-day
                      quiz: practice (default: what is due, instant feedback), exam (timed, scored at
                      the end) or interview (open recall, self-rated); one topic; how many (default 10);
                      the cap on new questions a day (default 20; kept in your progress)
    --help, --version

  Keys: press ? in the tutor.
`;

const OPTIONS = {
	json: {type: 'boolean'},
	color: {type: 'boolean'},
	'no-color': {type: 'boolean'},
	help: {type: 'boolean'},
	version: {type: 'boolean'},
	lang: {type: 'string'},
	lessons: {type: 'string', multiple: true},
	mode: {type: 'string'},
	topic: {type: 'string'},
	count: {type: 'string'},
	'new-per-day': {type: 'string'},
	cert: {type: 'string'},
	chain: {type: 'string', multiple: true},
	ca: {type: 'string', multiple: true},
	host: {type: 'string'},
	at: {type: 'string'},
} as const;

export type Flags = {
	json: boolean;
	color: boolean;
	lang?: string;
	lessons?: string[];
	mode?: string;
	topic?: string;
	count?: string;
	newPerDay?: string;
	cert?: string;
	chain?: string[];
	ca?: string[];
	host?: string;
	at?: string;
};

export type Args = {input: string[]; flags: Flags} | {help: true} | {version: true} | {error: string};

/**
 * argv (without node and the script) → the command words and the options. Not strict, so that
 * an option's value may start with a dash (`--new-per-day -3` is then refused by its own check,
 * with a message that names it); unknown options and missing values are checked here instead.
 */
export function readArgs(argv: string[]): Args {
	let parsed;
	try {
		parsed = parseArgs({args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true});
	} catch (error) {
		return {error: (error as Error).message};
	}
	const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
	if (v['help'] === true) return {help: true};
	if (v['version'] === true) return {version: true};
	for (const token of parsed.tokens) {
		if (token.kind !== 'option') continue;
		const spec = (OPTIONS as Record<string, {type: 'boolean' | 'string'}>)[token.name];
		const flag = token.rawName;
		if (!spec) return {error: `unknown option ${flag}`};
		if (spec.type === 'boolean' && token.value !== undefined) return {error: `${flag} takes no value (got '${token.value}')`};
		if (spec.type !== 'string') continue;
		// `--lessons --no-color` is a missing value, not a folder named --no-color; `--count -3`
		// and `--at=--x` are values (their own checks judge them).
		if (token.value === undefined || token.value === '' || (!token.inlineValue && token.value.startsWith('--'))) return {error: `${flag} needs a value`};
	}
	const str = (name: string) => v[name] as string | undefined;
	const list = (name: string) => v[name] as string[] | undefined;
	return {
		input: parsed.positionals,
		flags: {
			json: v['json'] === true,
			color: v['no-color'] !== true,
			lang: str('lang'),
			lessons: list('lessons'),
			mode: str('mode'),
			topic: str('topic'),
			count: str('count'),
			newPerDay: str('new-per-day'),
			cert: str('cert'),
			chain: list('chain'),
			ca: list('ca'),
			host: str('host'),
			at: str('at'),
		},
	};
}
