/** synack cert inspect's walk-through: every check in turn, why it is made, then the verdict. */
import {afterEach, describe, expect, test} from 'vitest';
import {App} from '../../source/app/App.js';
import {runCertInspect} from '../../source/commands/cert.js';
import {LABS} from '../../source/labs.js';
import {loadCatalog} from '../../source/lessons/load.js';
import {emptyProgress} from '../../source/store/update.js';
import {cleanupUi, frame, KEY, press, renderUi} from '../helpers/ui.js';

const catalog = loadCatalog({dirs: [], labs: LABS});
const PKI = 'test/fixtures/pki';

async function inspect(file: string, opts: {ca?: string[]; host?: string; at?: string}, lang: 'en' | 'zh' = 'en') {
	const inspection = {file, ...runCertInspect(file, opts)};
	return renderUi(
		<App catalog={catalog} labs={LABS} loaded={{progress: emptyProgress(), file: '', notice: null}} dataDir="" lang={lang} color={false} start={{name: 'cert', inspection}} save={async () => {}} />,
	);
}

afterEach(cleanupUi);

describe('cert inspect', () => {
	test('a valid chain: the learner steps through each check with its reason, and reaches the verdict', async () => {
		const app = await inspect(`${PKI}/fullchain.pem`, {ca: [`${PKI}/root.pem`], host: 'www.shop.example.test', at: '2026-06-01'});
		expect(frame(app)).toContain('check 1/');
		expect(frame(app)).toContain('▸  #0  CN=shop.example.test   [leaf]');
		expect(frame(app)).toContain('Why this check');
		expect(frame(app)).toContain('Find the issuer');
		await press(app, KEY.down);
		expect(frame(app)).toContain('#0 · signature');
		expect(frame(app)).toContain('Nothing is encrypted.');
		await press(app, 'G');
		expect(frame(app)).toContain('Verdict: the chain is trusted — every check passed.');
		expect(frame(app)).toContain('#2 trust');
		await press(app, 'g');
		expect(frame(app)).toContain('check 1/');
	});

	test('an expired leaf checked against Node\'s root store: rejected, and each failed check says why (Chinese)', async () => {
		const app = await inspect(`${PKI}/leaf-expired.pem`, {at: '2027-06-01'}, 'zh');
		expect(frame(app)).toContain('信任锚：Node 内置的 Mozilla 根证书库');
		expect(frame(app)).toContain('未给 --host：不检查主机名');
		await press(app, 'G');
		expect(frame(app)).toMatch(/结论：拒绝（missing-issuer）。全部错误：missing-issuer, expired。/);
		expect(frame(app)).toMatch(/✗ #0 validity +expired 2026-03-01/);
	});
});
