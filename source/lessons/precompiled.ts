/**
 * The shipped lessons, read and checked at build time (npm run build writes bundle/catalog.json),
 * so start-up neither parses their YAML and markdown nor replays their lab setups. What is kept
 * is the shipped folder's FolderLoad (catalog.ts): a learner's own `--lessons` folders are read
 * from source and merged with it exactly as `loadCatalog` merges folders. The cache is used
 * only while every lesson file is as it was at build time: the same size and modification time,
 * or, for a file touched since, the same content (a 53-bit hash); any edit, added or removed
 * file, and the folder is read from source as usual. (Only an edit that keeps both the size and
 * the exact modification time, which no editor or git checkout does, would go unseen.) Checking
 * costs well under a millisecond when nothing was touched; parsing the lessons, hundreds.
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative, sep} from 'node:path';
import type {FolderLoad} from './catalog.js';

/** A lesson file by its path under the folder (not `file`: that name is mapped, see mapFiles). */
export type Stamp = {path: string; bytes: number; mtimeMs: number; hash: number};

/**
 * cyrb53 (a public-domain 53-bit string hash) over the file's bytes: the cache only has to
 * notice that a lesson was edited, not resist an attacker, and node:crypto would load OpenSSL
 * into every start of the tutor (about 2 MB of resident memory) for it.
 */
export function contentHash(bytes: Uint8Array): number {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i]!;
		h1 = Math.imul(h1 ^ b, 2654435761);
		h2 = Math.imul(h2 ^ b, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
export type Precompiled = {version: 6; stamps: Stamp[]; folder: FolderLoad};

/** The lesson and bank files under dir/en and dir/zh, in a fixed order, paths relative to dir. */
function lessonFilesOf(dir: string): Array<{path: string; full: string}> {
	const out: Array<{path: string; full: string}> = [];
	for (const folder of ['en', 'zh', 'en/bank', 'zh/bank']) {
		const sub = join(dir, folder);
		if (!existsSync(sub)) continue;
		for (const name of readdirSync(sub).sort()) {
			if (!name.endsWith('.md')) continue;
			const full = join(sub, name);
			if (statSync(full).isFile()) out.push({path: `${folder}/${name}`, full});
		}
	}
	return out;
}

/** Size, modification time and content hash of every lesson and bank file under dir (build time). */
export function stamps(dir: string): Stamp[] {
	return lessonFilesOf(dir).map(({path, full}) => {
		const bytes = readFileSync(full);
		return {path, bytes: bytes.length, mtimeMs: statSync(full).mtimeMs, hash: contentHash(bytes)};
	});
}

/**
 * Are the files what they were at build time? The same names, each the same size and either the
 * same modification time (then it is not read: most starts) or, when touched, the same content.
 */
function unchanged(dir: string, was: Stamp[]): boolean {
	const files = lessonFilesOf(dir);
	if (files.length !== was.length) return false;
	return files.every(({path, full}, i) => {
		const then = was[i]!;
		if (path !== then.path) return false;
		const stat = statSync(full);
		if (stat.size !== then.bytes) return false;
		return stat.mtimeMs === then.mtimeMs || contentHash(readFileSync(full)) === then.hash;
	});
}

/**
 * Every `"file":"…"` member of a JSON text with its path mapped. Inside a JSON string every `"`
 * is escaped, so the pattern can only match a member named `file`: the text is rewritten once
 * instead of walking (or re-parsing) the parsed catalog.
 */
function mapFiles(json: string, map: (file: string) => string): string {
	return json.replace(/"file":("(?:[^"\\]|\\.)*")/g, (_, value: string) => `"file":${JSON.stringify(map(JSON.parse(value) as string))}`);
}

export function precompile(dir: string, folder: FolderLoad): string {
	const data: Precompiled = {version: 6, stamps: stamps(dir), folder};
	return mapFiles(JSON.stringify(data), (f) => relative(dir, f));
}

/** The shipped folder as read at build time, or null when the cache is missing, unreadable or out of date. */
export function loadPrecompiled(file: string, dir: string): FolderLoad | null {
	try {
		// Every path was made relative to dir at build time: put dir back in front of each (a
		// plain replaceAll; `"file":"` only ever starts a member, see mapFiles).
		const root = JSON.stringify(`${dir}${sep}`).slice(1, -1);
		const data = JSON.parse(readFileSync(file, 'utf8').replaceAll('"file":"', `"file":"${root}`)) as Precompiled;
		if (data.version !== 6) return null;
		return unchanged(dir, data.stamps) ? data.folder : null;
	} catch {
		return null;
	}
}
