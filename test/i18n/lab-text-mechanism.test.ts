/** The translator behind the labs' lines in Chinese (source/i18n/lab-text.ts). */
import {describe, expect, test} from 'vitest';
import {translator} from '../../source/i18n/lab-text.js';
import {messages} from '../../source/i18n/index.js';

describe('translator', () => {
	const t = translator([
		[/^(\w+): (\S+) → (\S+)$/, '$1：$2 → $3'],
		[/^alert: (.+) — (.+)$/, (tr, name, reason) => `告警：${name}——${tr(reason!)}`],
		[/^the certificate has expired$/, '证书已过期'],
		[/^(.+)$/, (_tr, all) => (all === 'catch-all' ? '兜底' : all!)],
	]);

	test('the first rule that matches wins; its captured parts may be translated in turn', () => {
		expect(t('client: SYN-SENT → ESTABLISHED')).toBe('client：SYN-SENT → ESTABLISHED');
		expect(t('alert: certificate_expired(45) — the certificate has expired')).toBe('告警：certificate_expired(45)——证书已过期');
		expect(t('catch-all')).toBe('兜底');
	});

	test('a line no rule knows stays as the model wrote it, and asking again gives the same answer', () => {
		const none = translator([[/^x$/, 'y']]);
		expect(none('server: listen()')).toBe('server: listen()');
		for (let i = 0; i < 5000; i++) expect(none(`line ${i % 2500}`)).toBe(`line ${i % 2500}`);
		expect(none('x')).toBe('y');
	});

	test('English shows the model\'s own words; Chinese goes through the rules', () => {
		expect(messages('en').labText('client: CLOSED → SYN-SENT')).toBe('client: CLOSED → SYN-SENT');
		expect(messages('zh').labText('client: CLOSED → SYN-SENT')).not.toBe('client: CLOSED → SYN-SENT');
	});
});
