/** A small bank from the fixture lessons, for the quiz tests. */
import {join} from 'node:path';
import {LABS} from '../../source/labs.js';
import {loadCatalog} from '../../source/lessons/load.js';
import {buildBank} from '../../source/quiz/bank.js';

export const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'lessons', 'bank');
export const catalog = loadCatalog({dirs: [FIXTURE], labs: LABS});
export const bankEn = buildBank(catalog, 'en');
export const bankZh = buildBank(catalog, 'zh');
/** Noon, so that local-day arithmetic is the same in every time zone we run in. */
export const at = (day: number, hh = 12, mm = 0) => new Date(2026, 11, day, hh, mm, 0, 0);
