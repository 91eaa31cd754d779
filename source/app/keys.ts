/**
 * The one table of key bindings. The key handlers, the key bar, the `?` overlay and the
 * README's key section are all generated from it; nothing else binds a key. A lab's own
 * action keys come from its contract (`lab.actions`) and are merged in by `labBindings`.
 */
import type {Key} from 'ink';
import type {Lang} from '../lessons/types.js';
import type {LabAction} from '../models/lab.js';

export type KeyScope = 'global' | 'home' | 'lesson' | 'lab' | 'quiz' | 'overlay' | 'quizmenu' | 'session' | 'notes' | 'stats' | 'cert';

export type Binding = {
	id: string;
	keys: string[];
	scope: KeyScope;
	label: Record<Lang, string>;
	/** Shown in the key bar (the rest only in the help overlay). */
	bar: boolean;
	/** A longer description (for the README), where the label is terse. */
	detail?: string;
};

const b = (id: string, keys: string[], scope: KeyScope, en: string, zh: string, bar = true): Binding => ({
	id,
	keys,
	scope,
	label: {en, zh},
	bar,
});

export const BINDINGS: Binding[] = [
	b('app.exit', ['ctrl+c'], 'global', 'exit now', '立即退出', false),
	b('app.help', ['?'], 'global', 'help', '帮助'),
	b('app.back', ['q'], 'global', 'back / quit', '返回/退出'),

	b('home.up', ['up', 'k'], 'home', 'move', '移动'),
	b('home.down', ['down', 'j'], 'home', 'move', '移动', false),
	b('home.open', ['return'], 'home', 'open', '打开'),
	b('home.broken', ['e'], 'home', 'show problems', '查看问题'),
	b('home.lang', ['L'], 'home', 'language', '切换语言'),
	b('home.quiz', ['z'], 'home', 'quiz', '测验'),
	b('home.stats', ['s'], 'home', 'stats', '统计'),

	b('lesson.prev', ['left'], 'lesson', 'previous page', '上一页'),
	b('lesson.next', ['right'], 'lesson', 'next page', '下一页'),
	b('lesson.up', ['up'], 'lesson', 'scroll', '滚动'),
	b('lesson.down', ['down'], 'lesson', 'scroll', '滚动', false),
	b('lesson.answer', ['return'], 'lesson', 'answer checkpoint', '回答检查点'),
	b('lesson.view', ['v'], 'lesson', 'text ↔ lab', '正文↔实验'),

	b('lab.focus', ['tab'], 'lab', 'switch end', '切换端'),
	b('lab.undo', ['u'], 'lab', 'undo', '撤销'),
	b('lab.redo', ['r'], 'lab', 'redo', '重做', false),
	b('lab.reset', ['R'], 'lab', 'reset', '重置', false),
	b('lab.mode', ['m'], 'lab', 'step / real time', '单步/实时', false),
	b('lab.faster', ['+'], 'lab', 'faster', '加速', false),
	b('lab.slower', ['-'], 'lab', 'slower', '减速', false),

	b('quiz.up', ['up'], 'quiz', 'choose', '选择'),
	b('quiz.down', ['down'], 'quiz', 'choose', '选择', false),
	b('quiz.toggle', ['space'], 'quiz', 'tick', '勾选'),
	b('quiz.digit', ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.'], 'quiz', 'type / pick', '输入/选择', false),
	b('quiz.erase', ['backspace'], 'quiz', 'erase', '删除', false),
	b('quiz.submit', ['return'], 'quiz', 'submit', '提交'),
	b('quiz.leave', ['escape'], 'quiz', 'leave', '离开'),

	b('qmenu.up', ['up', 'k'], 'quizmenu', 'move', '移动'),
	b('qmenu.down', ['down', 'j'], 'quizmenu', 'move', '移动', false),
	b('qmenu.open', ['return'], 'quizmenu', 'start / practise', '开始/练习'),
	b('qmenu.interview', ['i'], 'quizmenu', 'interview on this topic', '就此专题模拟面试'),
	b('qmenu.exam', ['x'], 'quizmenu', 'exam on this topic', '就此专题考试'),
	b('qmenu.stats', ['s'], 'quizmenu', 'stats', '统计'),

	b('session.next', ['return', 'space'], 'session', 'next question', '下一题'),
	b('session.run', ['r'], 'session', 'run it in the lab', '在实验里运行'),
	b('session.rate', ['1', '2', '3', '4'], 'session', 'rate: again / hard / good / easy', '自评：重来/困难/良好/简单'),

	b('notes.reveal', ['return'], 'notes', 'reveal the model answer', '查看参考答案'),
	b('notes.erase', ['backspace'], 'notes', 'erase', '删除', false),
	b('notes.leave', ['escape'], 'notes', 'leave', '离开'),

	b('stats.practice', ['p'], 'stats', 'practise the weakest topic', '练习最弱的专题'),

	b('cert.prev', ['up', 'k'], 'cert', 'previous check', '上一项检查'),
	b('cert.next', ['down', 'j', 'space'], 'cert', 'next check', '下一项检查'),
	b('cert.first', ['g'], 'cert', 'first check', '第一项', false),
	b('cert.last', ['G'], 'cert', 'verdict', '结论', false),

	b('overlay.close', ['escape', 'q', '?'], 'overlay', 'close', '关闭'),
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function labBindings(actions: ReadonlyArray<LabAction<any, any>>): Binding[] {
	return actions.map((a) => ({
		id: a.id,
		keys: a.keys,
		scope: 'lab' as const,
		label: {en: a.label, zh: a.labelZh ?? a.label},
		bar: a.inBar === true,
		detail: a.description,
	}));
}

/** Ink's (input, key) as one key name of the table: 'up', 'return', 'space', 'ctrl+c', 'R', '7', … */
export function keyName(input: string, key: Key): string {
	if (key.ctrl && input === 'c') return 'ctrl+c';
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.return) return 'return';
	if (key.escape) return 'escape';
	if (key.tab) return 'tab';
	if (key.backspace || key.delete) return 'backspace';
	if (input === ' ') return 'space';
	return input;
}

/** The binding a key has among the active scopes (earlier scopes win), or undefined. */
export function resolve(bindings: readonly Binding[], scopes: readonly KeyScope[], name: string): Binding | undefined {
	for (const scope of scopes) {
		const hit = bindings.find((x) => x.scope === scope && x.keys.includes(name));
		if (hit) return hit;
	}
	return undefined;
}

const KEY_GLYPHS: Record<string, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	return: '⏎',
	space: '␣',
	escape: 'Esc',
	tab: 'Tab',
	backspace: '⌫',
	'ctrl+c': 'Ctrl+C',
	pageup: 'PgUp',
	pagedown: 'PgDn',
};

export const keyGlyph = (k: string): string => KEY_GLYPHS[k] ?? k;

/** How a binding's keys are written: '↑↓', '1–9', 'q'. */
export function keysText(binding: Binding, all: readonly Binding[] = BINDINGS): string {
	const keys = binding.keys;
	if (keys.length >= 9 && keys.includes('1') && keys.includes('9')) return keys.includes('0') ? '0–9' : '1–9';
	const pair = all.find((x) => x !== binding && x.scope === binding.scope && x.label.en === binding.label.en);
	if (pair && binding.bar && !pair.bar) return [...binding.keys.slice(0, 1), ...pair.keys.slice(0, 1)].map(keyGlyph).join('');
	return keys.map(keyGlyph).join('/');
}
