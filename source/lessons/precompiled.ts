/**
 * The shipped lessons, read and checked at build time (npm run build writes bundle/catalog.json),
 * so start-up neither parses their YAML and markdown nor replays their lab setups. What is kept
 * is the shipped folder's FolderLoad (catalog.ts): a learner's own `--lessons` folders are read
 * from source and merged with it exactly as `loadCatalog` merges folders. The cache is used
 * only while every lesson file has the content it had at build time (its length and a 53-bit
 * hash); any edit, added or removed file, and the folder is read from source as usual. Hashing
 * the files costs about a millisecond; parsing them, hundreds.
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import type {FolderLoad} from './catalog.js';

/** A lesson file by its path under the folder (not `file`: that name is mapped, see mapFiles). */
export type Stamp = {path: string; bytes: number; hash: number};

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
export type Precompiled = {version: 5; stamps: Stamp[]; folder: FolderLoad};

/** The content hash of every lesson and bank file under dir/en and dir/zh, paths relative to dir. */
export function stamps(dir: string): Stamp[] {
	const out: Stamp[] = [];
	for (const folder of ['en', 'zh', 'en/bank', 'zh/bank']) {
		const sub = join(dir, folder);
		if (!existsSync(sub)) continue;
		for (const name of readdirSync(sub).sort()) {
			if (!name.endsWith('.md')) continue;
			const path = join(sub, name);
			if (!statSync(path).isFile()) continue;
			const bytes = readFileSync(path);
			out.push({path: `${folder}/${name}`, bytes: bytes.length, hash: contentHash(bytes)});
		}
	}
	return out;
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
	const data: Precompiled = {version: 5, stamps: stamps(dir), folder};
	return mapFiles(JSON.stringify(data), (f) => relative(dir, f));
}

/** The shipped folder as read at build time, or null when the cache is missing, unreadable or out of date. */
export function loadPrecompiled(file: string, dir: string): FolderLoad | null {
	try {
		const data = JSON.parse(mapFiles(readFileSync(file, 'utf8'), (f) => join(dir, f))) as Precompiled;
		if (data.version !== 5) return null;
		const now = stamps(dir);
		const same = now.length === data.stamps.length && now.every((s, i) => {
			const was = data.stamps[i]!;
			return s.path === was.path && s.bytes === was.bytes && s.hash === was.hash;
		});
		return same ? data.folder : null;
	} catch {
		return null;
	}
}
