/** `synack`, `synack learn [ID]`, `synack lab MODEL`, `synack quiz`: the interactive tutor. */
import {render} from 'ink';
import {setFlagsFromString} from 'node:v8';
import {App, type Screen} from '../app/App.js';
import {messages} from '../i18n/index.js';
import {mergeFolders, readFolder} from '../lessons/catalog.js';
import {lessonFor} from '../lessons/load.js';
import {loadPrecompiled} from '../lessons/precompiled.js';
import type {Lang} from '../lessons/types.js';
import type {AnyLab} from '../app/hooks/use-lab-session.js';
import {LABS} from '../labs.js';
import {buildBank} from '../quiz/bank.js';
import {dataDir, loadProgress} from '../store/progress.js';

export type TutorOptions = {
	lang: Lang;
	lessonDirs: string[];
	color: boolean;
	start: Screen;
	/** bundle/catalog.json: the first folder (the shipped lessons) as read at build time. */
	precompiled?: string;
};
type Io = {stderr: (s: string) => void; isTty: boolean};

/**
 * The labs with `init` remembered per setup object. Loading lessons from source checks each
 * setup by replaying it (lab.init), and opening the lesson replays the same setup again: for a
 * long setup that second replay doubled the time and garbage of opening its lab. init is pure
 * (the same setup gives the same snapshot, and snapshots are never mutated), so the lab opens
 * from the snapshot the check already built. Only results that took a while to build are kept
 * (a typical shipped setup replays in under a millisecond; keeping all of them held 0.6 MB),
 * for as long as the catalog's setup objects live.
 */
const WORTH_KEEPING_MS = 2;

export function sharingInit(labs: Record<string, AnyLab>): Record<string, AnyLab> {
	const out: Record<string, AnyLab> = {};
	for (const [name, lab] of Object.entries(labs)) {
		const done = new WeakMap<object, ReturnType<AnyLab['init']>>();
		out[name] = {
			...lab,
			init(setup) {
				if (typeof setup !== 'object' || setup === null) return lab.init(setup);
				let result = done.get(setup);
				if (!result) {
					const start = performance.now();
					result = lab.init(setup);
					if (performance.now() - start >= WORTH_KEEPING_MS) done.set(setup, result);
				}
				return result;
			},
		};
	}
	return out;
}

/**
 * The tutor is a long-lived interactive program that keeps little data and draws small frames,
 * but V8's defaults are tuned for throughput: a young generation that grows to 2 × 16 MB and an
 * old generation allowed to grow to several times its live size between collections. These two
 * V8 settings keep the young generation at its starting size and tell V8 to prefer memory over
 * speed. V8 reads both as it runs, so they are set here, once the modules are loaded (nothing
 * changes for the first frame) and without a second process: `npm start`, the `synack` bin and
 * the bench all get them. Measured in the TCP lab with a 2,700-line log (npm run bench): peak
 * RSS about 35 MB lower (130–136 → 92–97 MB), for about 2 ms more CPU per key (build/PERF.md).
 */
const MEMORY_FLAGS = ['--semi-space-growth-factor=1', '--optimize-for-size'];

export async function tutorCommand(opts: TutorOptions, io: Io): Promise<number> {
	const m = messages(opts.lang);
	if (!io.isTty) {
		io.stderr(`${m.noTty}\n`);
		return 2;
	}
	for (const flag of MEMORY_FLAGS) setFlagsFromString(flag);
	const labs = sharingInit(LABS);
	// The shipped folder comes from the build-time read when it is unchanged; the learner's own
	// folders are read now, and all are checked together as `loadCatalog` would.
	const catalog = mergeFolders(opts.lessonDirs.map((dir, i) => (i === 0 && opts.precompiled && loadPrecompiled(opts.precompiled, dir)) || readFolder(dir, labs)));
	if (opts.start.name === 'lesson' && !lessonFor(catalog, opts.start.id, opts.lang)) {
		const ids = [...new Set(catalog.lessons.en.map((l) => l.id))].join(', ');
		io.stderr(`synack learn: no lesson '${opts.start.id}' (lessons: ${ids || 'none'})\n`);
		return 2;
	}
	if (opts.start.name === 'quiz-session' && opts.start.topic !== null) {
		const topics = buildBank(catalog, opts.lang).topics.map((t) => t.id);
		if (!topics.includes(opts.start.topic)) {
			io.stderr(`synack quiz: no topic '${opts.start.topic}' (topics: ${topics.join(', ') || 'none'})\n`);
			return 2;
		}
	}
	if (opts.start.name === 'lab' && !labs[opts.start.lab]) {
		io.stderr(`synack lab: no lab '${opts.start.lab}' (labs: ${Object.keys(labs).join(', ')})\n`);
		return 2;
	}
	const dir = dataDir();
	const loaded = loadProgress(dir);
	const app = render(<App catalog={catalog} labs={labs} loaded={loaded} dataDir={dir} lang={opts.lang} color={opts.color} start={opts.start} />, {
		exitOnCtrlC: true,
		maxFps: 60,
		// Not incrementalRendering: with it (ink 6.8) the top line stayed stale after a lab key in
		// an 80×24 pty, although it cut key-to-frame p50 from ~16 to ~14 ms (see the issue note).
	});
	await app.waitUntilExit();
	return 0;
}
