/** Every UI string in English and Simplified Chinese. The zh table must have exactly the shape of en. */
import type {Lang} from '../lessons/types.js';
import {en} from './en.js';
import {zh} from './zh.js';

export type Messages = typeof en;
export const MESSAGES: Record<Lang, Messages> = {en, zh};

/** --lang wins; else LC_ALL, LC_MESSAGES, LANG (zh_CN.UTF-8 → zh); else en. */
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang | {error: string} {
	if (flag !== undefined) {
		if (flag === 'en' || flag === 'zh') return flag;
		return {error: `--lang ${flag}: expected en or zh`};
	}
	const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
	return /^zh/i.test(locale) ? 'zh' : 'en';
}

export const messages = (lang: Lang): Messages => MESSAGES[lang];
