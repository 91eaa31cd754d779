/**
 * Lesson front matter: YAML read with the line of every key kept, then checked against
 * LESSON-FORMAT.md and the lab it names. Only the `yaml` package's safe core schema is used:
 * it builds plain data and never runs code; unknown tags and excessive aliases are errors.
 */
import {isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document} from 'yaml';
import type {Lab} from '../models/lab.js';
import {TRACKS, type Lesson, type LessonObjective, type Track} from './types.js';

export type LabRegistry = Record<string, Lab<any, any, any>>;

/** A problem before it is tied to a file: the line is the line in the lesson file (1-based). */
export type LineProblem = {line: number; message: string};
export type YamlPath = ReadonlyArray<string | number>;
export type LocatedYaml = {data: unknown; lineOf: (path: YamlPath) => number};

const MAX_ALIASES = 100;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const KEBAB_HINT = 'kebab-case (lowercase letters and digits joined by single hyphens)';

/** A value as a message shows it: short, quoted when text (JSON escapes any control character). */
export function describe(v: unknown): string {
	if (v === undefined) return 'nothing';
	if (v === null) return 'null (no value)';
	if (Array.isArray(v)) return 'a list';
	if (typeof v === 'object') return 'a mapping';
	if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v);
	return String(v);
}

/** A key as a message names it: 'author', or JSON-quoted when it holds anything unusual. */
export const keyName = (k: string) => (/^[\w-]+$/.test(k) ? `'${k}'` : JSON.stringify(k));

/** `objectives[1].check.segment.flags` → ['objectives', 1, 'check', 'segment', 'flags']. */
export function splitPath(path: string): Array<string | number> {
	const out: Array<string | number> = [];
	for (const m of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) out.push(m[1] !== undefined ? Number(m[1]) : m[2]!);
	return out;
}

/**
 * Parse one YAML document whose first line is line `firstLine` of the lesson file.
 * `lineOf(path)` gives the line of the deepest part of `path` that exists (a key's own line).
 */
export function readYaml(text: string, firstLine: number): {ok: true; yaml: LocatedYaml} | {ok: false; problems: LineProblem[]} {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, {lineCounter, uniqueKeys: true, prettyErrors: false, schema: 'core'});
	const lineAt = (offset: number | undefined, fallback: number) => (offset === undefined ? fallback : firstLine + lineCounter.linePos(offset).line - 1);
	const problems: LineProblem[] = [];
	for (const e of doc.errors) problems.push({line: lineAt(e.pos[0], firstLine), message: `not valid YAML: ${firstLineOf(e.message)}`});
	for (const w of doc.warnings) {
		if (w.code === 'TAG_RESOLVE_FAILED') problems.push({line: lineAt(w.pos[0], firstLine), message: `${firstLineOf(w.message)} (only plain YAML is read: no tags)`});
	}
	// "PKCS #10" unquoted: YAML reads " #10" as a comment and the text silently ends at "PKCS".
	// A real comment has a space after '#'; one glued to the text is almost always this trap.
	visit(doc, {
		Scalar(_key, node) {
			if (node.type === 'PLAIN' && typeof node.comment === 'string' && node.comment !== '' && !/^\s/.test(node.comment)) {
				problems.push({
					line: lineAt(node.range?.[1], firstLine),
					message: `" #${firstLineOf(node.comment)}" would be read as a YAML comment and dropped from the text: quote the value ("…")`,
				});
			}
		},
	});
	if (problems.length > 0) return {ok: false, problems};
	let data: unknown;
	try {
		data = doc.toJS({maxAliasCount: MAX_ALIASES});
	} catch (error) {
		return {ok: false, problems: [{line: firstLine, message: `not valid YAML: ${firstLineOf((error as Error).message)}`}]};
	}
	return {ok: true, yaml: {data, lineOf: (path) => locate(doc, path, lineAt, firstLine)}};
}

const firstLineOf = (s: string) => (s.split('\n')[0] ?? '').trim();

type RangeNode = {range?: readonly number[] | null};

function locate(doc: Document, path: YamlPath, lineAt: (o: number | undefined, f: number) => number, firstLine: number): number {
	let node: unknown = doc.contents;
	let line = lineAt((node as RangeNode | null)?.range?.[0], firstLine);
	for (const seg of path) {
		if (isAlias(node)) node = node.resolve(doc);
		if (isMap(node)) {
			const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
			if (!pair) return line;
			line = lineAt((pair.key as RangeNode).range?.[0], line);
			node = pair.value;
		} else if (isSeq(node) && typeof seg === 'number') {
			const item = node.items[seg] as RangeNode | undefined;
			if (!item) return line;
			line = lineAt(item.range?.[0], line);
			node = item;
		} else {
			return line;
		}
	}
	return line;
}

/** A lesson's front matter: the lesson without what the body and the file give it. */
export type FrontMatter = Omit<Lesson, 'lang' | 'file' | 'pages'>;

const KEYS = ['id', 'title', 'track', 'order', 'minutes', 'lab', 'setup', 'objectives', 'sources'] as const;
const REQUIRED = ['id', 'title', 'track', 'order', 'minutes', 'sources'] as const;
const OBJECTIVE_KEYS = ['id', 'text', 'check'] as const;

/** Non-empty text after control sequences are removed, or null. */
export function text(v: unknown, clean: (s: string) => string): string | null {
	if (typeof v !== 'string') return null;
	const s = clean(v).trim();
	return s === '' ? null : s;
}

/** The id and title of a lesson whose front matter is broken, when they can be read at all. */
export function peekIdTitle(data: unknown, clean: (s: string) => string): {id: string | null; title: string | null} {
	if (!isObject(data)) return {id: null, title: null};
	return {id: text(data['id'], clean), title: text(data['title'], clean)};
}

/**
 * Check the front matter. `openLine` is the line of the opening `---` (missing keys are
 * reported there). Returns the fields when there are no problems.
 */
export function checkFrontMatter(
	yaml: LocatedYaml,
	openLine: number,
	labs: LabRegistry,
	clean: (s: string) => string,
	problems: LineProblem[],
): FrontMatter | null {
	const before = problems.length;
	const at = (path: YamlPath, message: string) => problems.push({line: yaml.lineOf(path), message});
	const raw = yaml.data;
	if (!isObject(raw)) {
		problems.push({line: openLine, message: `the front matter must be a mapping of keys (${REQUIRED.join(', ')}, …), got ${describe(raw)}`});
		return null;
	}
	for (const k of Object.keys(raw)) {
		if (!(KEYS as readonly string[]).includes(k)) at([k], `unknown key ${keyName(k)} in the front matter (expected ${KEYS.join(', ')})`);
	}
	for (const k of REQUIRED) if (!(k in raw)) problems.push({line: openLine, message: `the front matter is missing the key '${k}'`});

	const id = raw['id'];
	if ('id' in raw && !(typeof id === 'string' && KEBAB.test(id))) at(['id'], `id: expects ${KEBAB_HINT}, such as tcp-handshake; got ${describe(id)}`);
	const title = text(raw['title'], clean);
	if ('title' in raw && title === null) at(['title'], `title: expects non-empty text, got ${describe(raw['title'])}`);
	const track = raw['track'];
	if ('track' in raw && !(TRACKS as readonly unknown[]).includes(track)) at(['track'], `track: expects one of ${TRACKS.join(', ')}; got ${describe(track)}`);
	const order = raw['order'];
	if ('order' in raw && !(typeof order === 'number' && Number.isInteger(order) && order >= 0)) at(['order'], `order: expects a whole number ≥ 0, got ${describe(order)}`);
	const minutes = raw['minutes'];
	if ('minutes' in raw && !(typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0)) {
		at(['minutes'], `minutes: expects a number of minutes greater than 0, got ${describe(minutes)}`);
	}
	const sources = checkSources(raw['sources'], 'sources' in raw, at, clean);

	const available = Object.keys(labs).join(', ') || 'none';
	let lab: Lab<any, any, any> | null = null;
	let labId: string | null = null;
	if ('lab' in raw) {
		const v = raw['lab'];
		if (typeof v !== 'string') at(['lab'], `lab: expects the name of a lab (available: ${available}), got ${describe(v)}`);
		else if (!Object.hasOwn(labs, v)) at(['lab'], `lab: there is no lab named ${describe(v)} (available: ${available})`);
		else {
			lab = labs[v]!;
			labId = v;
		}
	}
	let setup: unknown = null;
	if ('setup' in raw) {
		if (!('lab' in raw)) at(['setup'], 'setup: only a lesson with a lab has a setup (add lab: …, or remove setup)');
		else setup = raw['setup'];
	}
	if (lab) checkSetup(lab, raw['setup'], yaml, problems);
	let objectives: LessonObjective[] = [];
	if ('objectives' in raw) {
		if (!('lab' in raw)) at(['objectives'], 'objectives: only a lesson with a lab has objectives (add lab: …, or remove objectives)');
		else if (lab) objectives = checkObjectives(raw['objectives'], lab, yaml, clean, problems);
	}

	if (problems.length > before) return null;
	return {
		id: id as string,
		title: title!,
		track: track as Track,
		order: order as number,
		minutes: minutes as number,
		lab: labId,
		setup,
		objectives,
		sources: sources!,
	};
}

function checkSources(v: unknown, present: boolean, at: (p: YamlPath, m: string) => void, clean: (s: string) => string): string[] | null {
	if (!present) return null;
	if (!Array.isArray(v) || v.length === 0) {
		at(['sources'], `sources: expects a non-empty list of where a reader can check the claims (e.g. "RFC 9293 §3.5"), got ${describe(v)}`);
		return null;
	}
	const out: string[] = [];
	v.forEach((item, i) => {
		const s = text(item, clean);
		if (s === null) at(['sources', i], `sources[${i}]: expects non-empty text, got ${describe(item)}`);
		else out.push(s);
	});
	return out.length === v.length ? out : null;
}

export function checkSetup(lab: Lab<any, any, any>, setup: unknown, yaml: LocatedYaml, problems: LineProblem[]): void {
	let result: ReturnType<Lab<any, any, any>['init']>;
	try {
		result = lab.init(setup);
	} catch (error) {
		problems.push({line: yaml.lineOf(['setup']), message: `setup: the ${lab.id} lab cannot start from it (${(error as Error).message})`});
		return;
	}
	if (result.ok) return;
	for (const p of result.problems) {
		const message = p.message.startsWith('setup') ? p.message : `setup: ${p.message}`;
		problems.push({line: yaml.lineOf(splitPath(p.path)), message});
	}
}

function checkObjectives(v: unknown, lab: Lab<any, any, any>, yaml: LocatedYaml, clean: (s: string) => string, problems: LineProblem[]): LessonObjective[] {
	const at = (path: YamlPath, message: string) => problems.push({line: yaml.lineOf(path), message});
	if (!Array.isArray(v)) {
		at(['objectives'], `objectives: expects a list of { id, text, check }, got ${describe(v)}`);
		return [];
	}
	const out: LessonObjective[] = [];
	const seen = new Map<string, number>();
	v.forEach((item, i) => {
		const here = `objectives[${i}]`;
		if (!isObject(item)) {
			at(['objectives', i], `${here}: expects a mapping with id, text and check, got ${describe(item)}`);
			return;
		}
		let ok = true;
		const fail = (path: YamlPath, message: string) => {
			ok = false;
			at(['objectives', i, ...path], message);
		};
		for (const k of Object.keys(item)) {
			if (!(OBJECTIVE_KEYS as readonly string[]).includes(k)) fail([k], `${here}.${k}: unknown key (expected ${OBJECTIVE_KEYS.join(', ')})`);
		}
		for (const k of OBJECTIVE_KEYS) if (!(k in item)) fail([], `${here}: missing key '${k}'`);
		const id = item['id'];
		if ('id' in item) {
			if (typeof id !== 'string' || !KEBAB.test(id)) fail(['id'], `${here}.id: expects ${KEBAB_HINT}, got ${describe(id)}`);
			else if (seen.has(id)) fail(['id'], `${here}.id: duplicate objective id '${id}' (also objectives[${seen.get(id)}])`);
			else seen.set(id, i);
		}
		const objectiveText = text(item['text'], clean);
		if ('text' in item && objectiveText === null) fail(['text'], `${here}.text: expects non-empty text, got ${describe(item['text'])}`);
		if ('check' in item) {
			let parsed: ReturnType<Lab<any, any, any>['parseCheck']>;
			try {
				parsed = lab.parseCheck(item['check'], `${here}.check`);
			} catch (error) {
				parsed = {problems: [{path: `${here}.check`, message: `the ${lab.id} lab cannot read it (${(error as Error).message})`}]};
			}
			if ('problems' in parsed) {
				ok = false;
				for (const p of parsed.problems) problems.push({line: yaml.lineOf(splitPath(p.path)), message: `${p.path}: ${p.message}`});
			}
		}
		if (ok) out.push({id: id as string, text: objectiveText!, check: item['check'], line: yaml.lineOf(['objectives', i])});
	});
	return out;
}
