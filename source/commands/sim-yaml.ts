/**
 * A fast reader for `sim tcp`'s YAML scripts: js-yaml with YAML 1.2's core schema exactly as
 * the yaml package reads it (so a script means the same thing whichever reads it). js-yaml's own
 * CORE_SCHEMA keeps YAML 1.1's numbers: `1_000`, `0b101` and `-0x10` are numbers there and
 * strings in YAML 1.2, and `-.5` the other way round. On the benchmark's 10,000-step script
 * js-yaml takes ~6 ms where yaml takes ~80.
 */
import {FAILSAFE_SCHEMA, load, Type} from 'js-yaml';

// The yaml package's core tags (yaml/dist/schema/core/*.js), the same tests in the same order.
const nul = new Type('tag:yaml.org,2002:null', {
	kind: 'scalar',
	resolve: (data: string) => /^(?:~|[Nn]ull|NULL)?$/.test(data),
	construct: () => null,
	predicate: (v: unknown) => v === null,
});

const bool = new Type('tag:yaml.org,2002:bool', {
	kind: 'scalar',
	resolve: (data: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(data),
	construct: (data: string) => data[0] === 't' || data[0] === 'T',
	predicate: (v: unknown) => typeof v === 'boolean',
});

const INT: Array<[RegExp, number, number]> = [
	[/^0o[0-7]+$/, 2, 8],
	[/^[-+]?[0-9]+$/, 0, 10],
	[/^0x[0-9a-fA-F]+$/, 2, 16],
];
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/];

const int = new Type('tag:yaml.org,2002:int', {
	kind: 'scalar',
	resolve: (data: string) => INT.some(([re]) => re.test(data)),
	construct: (data: string) => {
		const [, offset, radix] = INT.find(([re]) => re.test(data))!;
		return parseInt(data.substring(offset), radix);
	},
	predicate: (v: unknown) => Number.isInteger(v),
});

const float = new Type('tag:yaml.org,2002:float', {
	kind: 'scalar',
	resolve: (data: string) => FLOAT_SPECIAL.test(data) || FLOAT.some((re) => re.test(data)),
	construct: (data: string) => {
		if (!FLOAT_SPECIAL.test(data)) return parseFloat(data);
		if (data.slice(-3).toLowerCase() === 'nan') return NaN;
		return data[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
	},
	predicate: (v: unknown) => typeof v === 'number',
});

const CORE_1_2 = FAILSAFE_SCHEMA.extend({implicit: [nul, bool, int, float]});

/** The data of a YAML text as yaml's core schema reads it; throws on anything js-yaml refuses. */
export const loadYaml = (text: string): unknown => load(text, {schema: CORE_1_2});
