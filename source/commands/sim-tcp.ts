/**
 * `synack sim tcp SCRIPT [--json]`: run a script through the TCP model without a screen.
 * Exit 0 when the script ran, 2 for bad input (the message names the file, line and step).
 */
import {readFileSync} from 'node:fs';
import {isMap, isSeq, LineCounter, parseDocument} from 'yaml';
import {actionProblem, apply, initialConnection, type StepRecord} from '../models/tcp/connection.js';
import {formatProblem, parseScript, type ScriptProblem} from '../models/tcp/script.js';
import {renderSimText} from './sim-tcp-text.js';
import {loadYaml} from './sim-yaml.js';

export type SimIo = {stdout: (s: string) => void; stderr: (s: string) => void; readStdin: () => string};

export type SimResult = {
	profile: string;
	steps: StepRecord[];
	final: {time: number; client: string; server: string};
};

export class InputError extends Error {}

function readScript(file: string, io: SimIo): string {
	try {
		return file === '-' ? io.readStdin() : readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new InputError(`${file}: cannot read the script (${code ?? (error as Error).message})`);
	}
}

type Located = {data: unknown; stepLine: (n: number) => number | null; keyLine: (k: string) => number | null};

/** Where each step and setting starts, found with the YAML parser (JSON is YAML too). */
function positions(text: string, name: string): Located {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, {lineCounter, prettyErrors: true, uniqueKeys: true});
	const first = doc.errors[0];
	if (first) {
		const line = first.linePos?.[0]?.line;
		const col = first.linePos?.[0]?.col;
		const reason = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
		throw new InputError(`${name}${line ? `:${line}` : ''}: not valid YAML or JSON — ${reason}${col ? ` (column ${col})` : ''}`);
	}
	const root = doc.contents;
	const lineOf = (offset: number | undefined) => (offset === undefined ? null : lineCounter.linePos(offset).line);
	const stepsNode = isMap(root) ? root.get('steps', true) : undefined;
	let data: unknown;
	try {
		data = doc.toJS({maxAliasCount: 100});
	} catch (error) {
		// An alias that expands too far (a "billion laughs" text) is refused, not followed.
		throw new InputError(`${name}: not valid YAML or JSON — ${(error as Error).message}`);
	}
	return {
		data,
		stepLine: (n) => {
			const item = isSeq(stepsNode) ? (stepsNode.items[n - 1] as {range?: [number]} | undefined) : undefined;
			return lineOf(item?.range?.[0]);
		},
		keyLine: (k) => {
			if (!isMap(root)) return null;
			const pair = root.items.find((p) => (p.key as {value?: unknown})?.value === k);
			return lineOf((pair?.key as {range?: [number]} | undefined)?.range?.[0]);
		},
	};
}

/**
 * Parse a script. A script's data is read by the fastest parser that reads it exactly:
 * JSON.parse for JSON (what a generator or grader writes), js-yaml for YAML (about 14× faster
 * than yaml on the benchmark's 10,000-step script: 6 against 80 ms). yaml, which knows where
 * every node starts, is used only when a line number is needed for a message, and for anything
 * the fast path does not take: a text with anchors, aliases, tags or directives (yaml limits
 * alias expansion, and follows %YAML 1.1), and any text js-yaml rejects (so syntax errors are
 * worded by one parser). Where both read a text they give the same data, except for keys that
 * are not strings (`null: 1`, `[a, b]: 1`), which no script may use anyway. js-yaml is more
 * lenient on a few malformed texts yaml refuses (a flow collection closed at column 1, a `#`
 * with no space before it, a key over 1,024 characters): those now run as their author meant.
 */
function parseText(text: string, name: string): Located {
	const fast = (read: () => unknown): Located | null => {
		try {
			const data = read();
			if (data === undefined) return null;
			let located: Located | undefined;
			const lazy = () => (located ??= positions(text, name));
			return {data, stepLine: (n) => lazy().stepLine(n), keyLine: (k) => lazy().keyLine(k)};
		} catch {
			return null;
		}
	};
	if (/^\s*\{/.test(text)) {
		const json = fast(() => JSON.parse(text) as unknown);
		if (json) return json;
	}
	// Duplicate keys are an error in both; the types are YAML 1.2's core in both (sim-yaml.ts).
	// A directive (%YAML 1.1 switches yaml to 1.1's types) is left to yaml too.
	if (!/[&*!]/.test(text) && !/^%/m.test(text)) {
		const yaml = fast(() => loadYaml(text));
		if (yaml) return yaml;
	}
	return positions(text, name);
}

export function runSimTcp(file: string, io: SimIo): SimResult {
	const name = file === '-' ? '<stdin>' : file;
	const {data, stepLine, keyLine} = parseText(readScript(file, io), name);
	const where = (p: ScriptProblem) => {
		const line = 'step' in p.where ? stepLine(p.where.step) : keyLine(p.where.key);
		return `${name}${line ? `:${line}` : ''}: ${formatProblem(p)}`;
	};
	const parsed = parseScript(data, {requireSteps: true});
	if (!parsed.ok) throw new InputError(parsed.problems.map(where).join('\n'));
	let s = initialConnection(parsed.script.settings);
	const steps: StepRecord[] = [];
	parsed.script.steps.forEach((action, i) => {
		const problem = actionProblem(s, action);
		if (problem) throw new InputError(where({where: {step: i + 1}, message: problem}));
		s = apply(s, action);
		steps.push(s.last!);
	});
	return {
		profile: parsed.script.settings.profile,
		steps,
		final: {time: s.time, client: steps.at(-1)?.client ?? 'CLOSED', server: steps.at(-1)?.server ?? 'CLOSED'},
	};
}

export function simTcpCommand(file: string | undefined, opts: {json: boolean}, io: SimIo): number {
	if (!file) {
		io.stderr('synack sim tcp: name a script file (YAML or JSON), or - for standard input\n');
		return 2;
	}
	try {
		const result = runSimTcp(file, io);
		io.stdout(opts.json ? `${JSON.stringify(result, null, 2)}\n` : renderSimText(result));
		return 0;
	} catch (error) {
		if (error instanceof InputError) {
			io.stderr(`${error.message}\n`);
			return 2;
		}
		throw error;
	}
}
