/** `synack lab tcp`: keys drive the model; the clock runs in real time; undo and redo. */
import {afterEach, expect, test} from 'vitest';
import {App} from '../../source/app/App.js';
import {loadCatalog} from '../../source/lessons/load.js';
import {LABS} from '../../source/labs.js';
import {emptyProgress} from '../../source/store/progress.js';
import {cleanupUi, frame, KEY, press, renderUi, settle} from '../helpers/ui.js';

const catalog = loadCatalog({dirs: ['lessons'], labs: LABS});
afterEach(cleanupUi);

async function lab() {
	return renderUi(
		<App catalog={catalog} labs={LABS} loaded={{progress: emptyProgress(), file: '', notice: null}} dataDir="" lang="en" color={false} start={{name: 'lab', lab: 'tcp'}} save={async () => {}} />,
	);
}

test('real-time mode lets the clock run: the lost SYN is retransmitted without a key', async () => {
	const app = await lab();
	await press(app, KEY.tab, 'l', KEY.tab, 'c', 'x');
	expect(frame(app)).toContain('client SYN-SENT');
	expect(frame(app)).toMatch(/clock 0\.000 s ⏸ step/);
	await press(app, 'm', '+', '+'); // real time ×100: the 1 s timer fires after about 10 ms
	expect(frame(app)).toContain('real time ×100');
	for (let i = 0; i < 40 && !frame(app).includes('↻'); i++) await settle(25);
	expect(frame(app)).toContain('↻');
	expect(frame(app)).not.toMatch(/clock 0\.000 s/);
	await press(app, 'm');
	expect(frame(app)).toContain('step');
});

test('u undoes the last key by replay, r redoes it', async () => {
	const app = await lab();
	await press(app, KEY.tab, 'l', KEY.tab, 'c', KEY.space);
	expect(frame(app)).toContain('server SYN-RECEIVED');
	await press(app, 'u');
	expect(frame(app)).toContain('server LISTEN');
	expect(frame(app)).toMatch(/#1 SYN 100|#1 SYN 1000/);
	await press(app, 'r');
	expect(frame(app)).toContain('server SYN-RECEIVED');
	await press(app, 'R');
	expect(frame(app)).toContain('client CLOSED');
});
