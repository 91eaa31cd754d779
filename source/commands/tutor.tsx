/** `synack`, `synack learn [ID]`, `synack lab MODEL`, `synack quiz`: the interactive tutor. */
import {render} from 'ink';
import {App, type Screen} from '../app/App.js';
import {messages} from '../i18n/index.js';
import {lessonFor, loadCatalog} from '../lessons/load.js';
import {loadPrecompiled} from '../lessons/precompiled.js';
import type {Lang} from '../lessons/types.js';
import {LABS} from '../labs.js';
import {buildBank} from '../quiz/bank.js';
import {dataDir, loadProgress} from '../store/progress.js';

export type TutorOptions = {
	lang: Lang;
	lessonDirs: string[];
	color: boolean;
	start: Screen;
	/** bundle/catalog.json: the shipped lessons validated at build time (used only with no extra --lessons). */
	precompiled?: string;
};
type Io = {stderr: (s: string) => void; isTty: boolean};

export async function tutorCommand(opts: TutorOptions, io: Io): Promise<number> {
	const m = messages(opts.lang);
	if (!io.isTty) {
		io.stderr(`${m.noTty}\n`);
		return 2;
	}
	const catalog = (opts.lessonDirs.length === 1 && opts.precompiled && loadPrecompiled(opts.precompiled, opts.lessonDirs[0]!)) || loadCatalog({dirs: opts.lessonDirs, labs: LABS});
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
	if (opts.start.name === 'lab' && !LABS[opts.start.lab]) {
		io.stderr(`synack lab: no lab '${opts.start.lab}' (labs: ${Object.keys(LABS).join(', ')})\n`);
		return 2;
	}
	const dir = dataDir();
	const loaded = loadProgress(dir);
	const app = render(<App catalog={catalog} labs={LABS} loaded={loaded} dataDir={dir} lang={opts.lang} color={opts.color} start={opts.start} />, {
		exitOnCtrlC: true,
		maxFps: 60,
		// Not incrementalRendering: with it (ink 6.8) the top line stayed stale after a lab key in
		// an 80×24 pty, although it cut key-to-frame p50 from ~16 to ~14 ms (see the issue note).
	});
	await app.waitUntilExit();
	return 0;
}
