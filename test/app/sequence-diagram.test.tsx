/** The sequence diagram's rows: a label too long for its row is cut, the arrow and both lane ends are kept. */
import {afterEach, describe, expect, test} from 'vitest';
import {SequenceDiagram} from '../../source/app/components/SequenceDiagram.js';
import {makeTheme} from '../../source/app/theme.js';
import type {LabArrow} from '../../source/models/lab.js';
import {cleanupUi, frame, renderUi} from '../helpers/ui.js';

afterEach(cleanupUi);

const arrow = (id: number, from: string, label: string, status: LabArrow['status']): LabArrow => ({
	id,
	from,
	to: from === 'client' ? 'server' : 'client',
	label,
	sentAt: 0,
	endedAt: status === 'in-flight' ? null : 0,
	status,
	retransmission: false,
	injected: false,
});

describe('SequenceDiagram', () => {
	const long = 'ServerHello,EncryptedExtensions,Certificate,CertificateVerify,Finished 5001 len 2954';
	const arrows = [
		arrow(1, 'client', 'SYN 1000', 'delivered'),
		arrow(2, 'server', long, 'delivered'),
		arrow(3, 'client', long, 'in-flight'),
		arrow(4, 'server', long, 'lost'),
	];

	test('every row fits its width and keeps its ends; a long label ends with …', async () => {
		for (const width of [40, 60, 78]) {
			const r = await renderUi(<SequenceDiagram arrows={arrows} lanes={['client', 'server']} width={width} rows={4} theme={makeTheme(false)} />);
			const rows = frame(r).split('\n');
			expect(rows).toHaveLength(4);
			for (const row of rows) expect([...row].length, row).toBeLessThanOrEqual(width);
			expect(rows[0]).toMatch(/├─ #1 SYN 1000 ─+▶┤$/);
			expect(rows[1]).toMatch(/├◀─+ #2 ServerHello.*… ─┤$/);
			expect(rows[2]).toMatch(/├─ #3 ServerHello.*… ┈+▷$/);
			expect(rows[3]).toMatch(/✗ ─ #4 ServerHello.*… ─┤$/);
		}
	});
});
