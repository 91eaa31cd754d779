/**
 * The shipped lessons, validated at build time (npm run build writes bundle/catalog.json), so
 * start-up does not parse YAML or replay lab setups for them. The cache is used only while
 * every lesson file has the content (SHA-256) it had at build time; any edit, added or removed
 * file, and the lessons are loaded (and checked) from source as usual. Hashing the files costs
 * about a millisecond; parsing them, tens.
 */
import {createHash} from 'node:crypto';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import type {Catalog} from './types.js';

export type Stamp = {file: string; sha256: string};
export type Precompiled = {version: 3; stamps: Stamp[]; catalog: Catalog};

/** The content hash of every lesson and bank file under dir/en and dir/zh, paths relative to dir. */
export function stamps(dir: string): Stamp[] {
	const out: Stamp[] = [];
	for (const folder of ['en', 'zh', 'en/bank', 'zh/bank']) {
		const sub = join(dir, folder);
		if (!existsSync(sub)) continue;
		for (const name of readdirSync(sub).sort()) {
			if (!name.endsWith('.md')) continue;
			const path = join(sub, name);
			if (statSync(path).isFile()) out.push({file: `${folder}/${name}`, sha256: createHash('sha256').update(readFileSync(path)).digest('hex')});
		}
	}
	return out;
}

/** Rewrite every `file` field (absolute at build time) to be relative to dir, or back. */
function mapFiles<T>(value: T, map: (file: string) => string): T {
	return JSON.parse(JSON.stringify(value), (key, v) => (key === 'file' && typeof v === 'string' ? map(v) : v)) as T;
}

export function precompile(dir: string, catalog: Catalog): Precompiled {
	return {version: 3, stamps: stamps(dir), catalog: mapFiles(catalog, (f) => relative(dir, f))};
}

/** The cached catalog for dir, or null when it is missing, unreadable or out of date. */
export function loadPrecompiled(file: string, dir: string): Catalog | null {
	try {
		const data = JSON.parse(readFileSync(file, 'utf8')) as Precompiled;
		if (data.version !== 3) return null;
		const now = stamps(dir);
		const same = now.length === data.stamps.length && now.every((s, i) => {
			const was = data.stamps[i]!;
			return s.file === was.file && s.sha256 === was.sha256;
		});
		return same ? mapFiles(data.catalog, (f) => join(dir, f)) : null;
	} catch {
		return null;
	}
}
