/**
 * The learner's progress on disk (ARCHITECTURE.md § Persistence): one JSON file, written
 * atomically, carrying a schema version. A file that cannot be read is moved aside with a
 * timestamp and the learner is told once (UX.md § Problems); nothing is silently overwritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import {dataDir, progressFile} from './paths.js';
import type {LoadedProgress, Progress} from './types.js';
import {emptyProgress} from './update.js';
import {migrate, problemIn} from './validate.js';

export {dataDir, progressFile} from './paths.js';
export {migrate} from './validate.js';
export {completeObjective, emptyProgress, lessonProgress, recordAnswer, visitPage} from './update.js';

/**
 * Files that could not be read and could not be moved aside either: saves refuse to replace
 * them. A later loadProgress that reads the file, or finds it gone or moved, lifts this.
 */
const protectedFiles = new Set<string>();

/** True when `file` holds a broken progress file that was left in place and must not be overwritten. */
export function isProtected(file: string): boolean {
	return protectedFiles.has(path.resolve(file));
}

/**
 * Read the progress in `dir`. A missing file gives empty progress and no notice. A file that
 * cannot be read, parsed or understood is renamed to `progress.json.broken-YYYYMMDD-HHMMSS`
 * (local time from `now`, then `-1`, `-2`… if taken), and empty progress comes back with a
 * notice saying where it went and why.
 */
export function loadProgress(dir: string = dataDir(), now: Date = new Date()): LoadedProgress {
	const file = progressFile(dir);
	const problem = readProblem(file);
	if (problem === null || typeof problem !== 'string') {
		protectedFiles.delete(path.resolve(file));
		return {progress: problem ?? emptyProgress(), file, notice: null};
	}
	return setAside(file, problem, now);
}

/** The progress in `file`, null when there is none, or a short phrase saying what is wrong. */
function readProblem(file: string): Progress | string | null {
	let bytes: Buffer;
	try {
		const stat = fs.statSync(file);
		if (stat.isDirectory()) return 'it is a directory, not a file';
		if (!stat.isFile()) return 'it is not a regular file'; // a FIFO would block the read
		bytes = fs.readFileSync(file);
	} catch (error) {
		if (code(error) === 'ENOENT') return null;
		return `it could not be read (${short(error)})`;
	}
	let json: string;
	try {
		json = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
	} catch {
		return 'not valid UTF-8 text';
	}
	if (json.trim() === '') return 'the file is empty';
	let raw: unknown;
	try {
		raw = JSON.parse(json);
	} catch (error) {
		return `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
	}
	const result = migrate(raw);
	return 'error' in result ? result.error : result;
}

function setAside(file: string, reason: string, now: Date): LoadedProgress {
	const key = path.resolve(file);
	try {
		const movedTo = moveAside(file, now);
		protectedFiles.delete(key);
		return {progress: emptyProgress(), file, notice: {movedTo, reason}};
	} catch (error) {
		if (code(error) === 'ENOENT' && !exists(file)) {
			// Gone between reading and moving (another synack moved it): nothing to protect.
			protectedFiles.delete(key);
			return {progress: emptyProgress(), file, notice: null};
		}
		protectedFiles.add(key);
		return {
			progress: emptyProgress(),
			file,
			notice: {
				movedTo: file,
				reason: `${reason}; it could not be moved aside (${short(error)}), so it was left in place and will not be overwritten`,
			},
		};
	}
}

/** Rename `file` to the first free `file.broken-<stamp>[-n]`, never replacing anything. */
function moveAside(file: string, now: Date): string {
	const base = `${file}.broken-${stamp(now)}`;
	for (let n = 0; n < 1000; n++) {
		const target = n === 0 ? base : `${base}-${n}`;
		if (moveIfFree(file, target)) return target;
	}
	throw new Error(`${base}-1 … -999 are all taken`);
}

/**
 * Move `from` to `to` unless `to` exists: false if it does. A hard link fails atomically when
 * the name is taken; where links are impossible (a directory, some file systems) check, then rename.
 */
function moveIfFree(from: string, to: string): boolean {
	try {
		fs.linkSync(from, to);
	} catch (error) {
		if (code(error) === 'EEXIST') return false;
		if (exists(to)) return false;
		fs.renameSync(from, to);
		return true;
	}
	try {
		fs.unlinkSync(from);
	} catch (error) {
		fs.rmSync(to, {force: true}); // the same bytes are still at `from`
		throw error;
	}
	return true;
}

// ---- saving ----

/** Per file: the sequence number of the last save asked for, and of the content on disk. */
const asked = new Map<string, number>();
const written = new Map<string, number>();
/** Per file: the tail of the chain of pending async saves. */
const queues = new Map<string, Promise<void>>();

/**
 * Write `progress` to `<dir>/progress.json` atomically (temp file, fsync, rename), creating
 * `dir`. Overlapping saves run in call order, so the last one called is what stays on disk.
 * Rejects without writing when the progress would not load back, or when the file on disk is
 * a broken one that could not be moved aside.
 */
export async function saveProgress(progress: Progress, dir: string = dataDir()): Promise<void> {
	const {file, key, data, seq} = prepare(progress, dir);
	const previous = queues.get(key) ?? Promise.resolve();
	const run = previous.then(async () => {
		// A later saveProgressSync already wrote newer content: leave it.
		if ((written.get(key) ?? 0) > seq) return;
		if (protectedFiles.has(key)) throw refusal(file);
		await fs.promises.mkdir(dir, {recursive: true});
		await writeFileAtomic(file, data, {fsync: true});
		await syncDirectory(dir);
		written.set(key, Math.max(seq, written.get(key) ?? 0));
	});
	const tail = run.catch(() => {}); // one failed save does not stop the next
	queues.set(key, tail);
	void tail.then(() => {
		if (queues.get(key) === tail) queues.delete(key);
	});
	return run;
}

/** saveProgress, synchronously (for exit handlers). Saves still queued behind it are skipped. */
export function saveProgressSync(progress: Progress, dir: string = dataDir()): void {
	const {file, key, data, seq} = prepare(progress, dir);
	if (protectedFiles.has(key)) throw refusal(file);
	fs.mkdirSync(dir, {recursive: true});
	writeFileAtomic.sync(file, data, {fsync: true});
	try {
		const fd = fs.openSync(dir, 'r');
		try {
			fs.fsyncSync(fd);
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		// Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic.
	}
	written.set(key, Math.max(seq, written.get(key) ?? 0));
}

function prepare(progress: Progress, dir: string) {
	const file = progressFile(dir);
	const key = path.resolve(file);
	if (protectedFiles.has(key)) throw refusal(file);
	const problem = problemIn(progress);
	if (problem !== null) throw new Error(`Refusing to save progress that would not load back: ${problem}`);
	const data = `${JSON.stringify(progress, null, '\t')}\n`;
	const seq = (asked.get(key) ?? 0) + 1;
	asked.set(key, seq);
	return {file, key, data, seq};
}

function refusal(file: string): Error {
	return new Error(
		`Refusing to overwrite ${file}: it could not be read and could not be moved aside. Move or repair it, then start synack again.`,
	);
}

/** Make the rename itself durable; best effort, since not every platform can fsync a directory. */
async function syncDirectory(dir: string): Promise<void> {
	let handle: fs.promises.FileHandle | undefined;
	try {
		handle = await fs.promises.open(dir, 'r');
		await handle.sync();
	} catch {
		// as in saveProgressSync
	} finally {
		await handle?.close().catch(() => {});
	}
}

// ---- helpers ----

/** `YYYYMMDD-HHMMSS` in local time, as the learner's clock shows it. */
function stamp(date: Date): string {
	const d = Number.isNaN(date.getTime()) ? new Date() : date;
	const two = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
}

function exists(file: string): boolean {
	try {
		fs.lstatSync(file);
		return true;
	} catch {
		return false;
	}
}

function code(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** `EACCES: permission denied` without the `, open '/long/path'` tail. */
function short(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.replace(/, \w+ '.*'$/s, '');
}
