/**
 * The TCP lab's log lines and facts in Chinese (rules: ../lab-text.ts). The English comes from
 * source/models/tcp: endpoint.ts and listener.ts (notes), connection.ts (state changes,
 * injected and lost segments), view.ts (timers, lost segments, signals, errors, the listener
 * fact). A lane name at the start of a line ("client: …") stays as it is; flags, states,
 * calls, errno and sysctl names, RFC citations and numbers are kept in English.
 */
import type {Rule} from '../lab-text.js';

const TIMER: Record<string, string> = {
	retransmission: '重传定时器',
	'time-wait': 'TIME-WAIT 定时器',
	'fin-wait-2': 'FIN-WAIT-2 定时器',
	keepalive: '保活定时器',
	'delayed-ack': '延迟 ACK 定时器',
	'user-timeout': '用户超时定时器',
	'syn-queue': '半连接队列定时器',
};

/** A lane named inside a sentence. */
const WHO: Record<string, string> = {client: '客户端', server: '服务端'};

/** The errors a socket call returns (RFC 9293 §3.10 wording, and two of the lab's own). */
const ERRORS: Rule[] = [
	[/^connection does not exist$/, '连接不存在'],
	[/^connection already exists$/, '连接已存在'],
	[/^connection closing$/, '连接正在关闭'],
	[/^no connection waiting \(accept\(\) would block\)$/, '全连接队列为空（accept() 会阻塞）'],
	[/^no listener to connect to$/, '没有可供连接的监听套接字'],
];

/** Lines that belong to one end: "client: …" / "server: …". */
const ENDPOINT: Rule[] = [
	// connection.ts: every state change (the TLS lab's state changes have the same shape and use this rule too).
	[/^(client|server): (\S+) → (\S+)$/, '$1：$2 → $3'],
	// view.ts: timers and signals.
	[/^(client|server): (\S+) timer fires$/, (_t, side, name) => `${side}：${TIMER[name!] ?? `${name} 定时器`}到期`],
	[/^(client|server): the application sees (E[A-Z]+)$/, '$1：应用程序收到 $2'],

	// endpoint.ts: socket calls.
	[/^(client|server): listen\(\) — passive open, waiting for a SYN$/, '$1：listen()，被动打开，等待 SYN'],
	[/^(client|server): the listening socket is closed$/, '$1：监听套接字已关闭'],
	[/^(client|server): connect\(\) — SYN with ISN (\d+)$/, '$1：connect()，发出 SYN，ISN 为 $2'],
	[/^(client|server): the application reads what has arrived$/, '$1：应用程序读走已到达的数据'],
	[
		/^(client|server): close\(\) with (\d+) unread bytes — RST instead of FIN \((RFC [^)]+)\)$/,
		'$1：close() 时还有 $2 字节未读，发 RST 而不是 FIN（$3）',
	],
	[/^(client|server): accept\(\) returns the client's connection$/, '$1：accept() 返回客户端的连接'],

	// endpoint.ts: segments arriving.
	[/^(client|server): data after the peer's FIN is ignored$/, '$1：对端 FIN 之后的数据被忽略'],
	[/^(client|server): challenge ACK \((RFC \d+)\) — the segment is not trusted$/, '$1：报文段不可信，回 challenge ACK（$2）'],
	[/^(client|server): SYN queue full — SYN cookie (\d+) sent, no state kept$/, '$1：半连接队列已满，回 SYN cookie $2，不保存状态'],
	[
		/^(client|server): accept queue full — the SYN is dropped silently \((\w+)\)$/,
		'$1：全连接队列已满，SYN 被静默丢弃（$2）',
	],
	[/^(client|server): SYN queue full — the SYN is dropped$/, '$1：半连接队列已满，SYN 被丢弃'],
	[
		/^(client|server): the ACK returns a valid SYN cookie — connection created from it$/,
		'$1：ACK 带回合法的 SYN cookie，据此建立连接',
	],
	[
		/^(client|server): valid cookie, but the accept queue is full — ACK dropped$/,
		'$1：cookie 合法，但全连接队列已满，ACK 被丢弃',
	],
	[/^(client|server): connection refused \((E[A-Z]+)\)$/, '$1：连接被拒绝（$2）'],
	[/^(client|server): connection reset by peer \((E[A-Z]+)\)$/, '$1：连接被对端重置（$2）'],
	[/^(client|server): reset by peer in ([A-Z][A-Z0-9-]*) \((E[A-Z]+)\)$/, '$1：在 $2 状态下被对端重置（$3）'],
	[/^(client|server): the same SYN again — the SYN,ACK is sent again$/, '$1：又收到同一个 SYN，重发 SYN,ACK'],
	[
		/^(client|server): accept queue full — the third ACK is dropped \((tcp_abort_on_overflow = \d)\)$/,
		'$1：全连接队列已满，第三个 ACK 被丢弃（$2）',
	],
	[
		/^(client|server): accept queue full and (tcp_abort_on_overflow = \d) — RST$/,
		'$1：全连接队列已满且 $2，回 RST',
	],
	[/^(client|server): data arrived after close\(\) — RST \((RFC [^)]+)\)$/, '$1：close() 之后又收到数据，回 RST（$2）'],
	[
		/^(client|server): a new SYN above the old sequence space reopens the connection from TIME-WAIT$/,
		'$1：新 SYN 的序列号比旧连接用过的都大，直接从 TIME-WAIT 重新打开连接',
	],

	// endpoint.ts: timers.
	[/^(client|server): (SYN|SYN,ACK) retransmitted \(#(\d+)\)$/, '$1：重传 $2（第 $3 次）'],
	[
		/^(client|server): retransmission timeout — resend seq (\S+), RTO now (\d+) ms$/,
		'$1：重传超时，重发 seq $2，RTO 退避为 $3 ms',
	],
	[
		/^(client|server): retransmissions exhausted — connection timed out \((E[A-Z]+)\)$/,
		'$1：重传次数用尽，连接超时（$2）',
	],
	[
		/^(client|server): SYN,ACK retries exhausted — the half-open entry is dropped silently$/,
		'$1：SYN,ACK 重传次数用尽，半连接被静默丢弃',
	],
	[
		/^(client|server): orphaned FIN-WAIT-2 times out \((\w+)\) — closed without a segment$/,
		'$1：孤儿连接的 FIN-WAIT-2 超时（$2），不发报文段直接关闭',
	],
	[/^(client|server): user timeout — connection aborted$/, '$1：用户超时，连接中止'],
	[/^(client|server): keepalive probe (\d+) of (\d+)$/, '$1：发出第 $2 个保活探测（共 $3 个）'],
	[
		/^(client|server): (\d+) keepalive probes unanswered — connection dropped \((E[A-Z]+)\)$/,
		'$1：$2 个保活探测都没有回应，断开连接（$3）',
	],
	[
		/^(client|server): no listener — the kernel answers the (?:(\d+) SYNs|SYN) with RST$/,
		(_t, side, n) => `${side}：没有监听套接字，内核${n ? `对这 ${n} 个 SYN 都` : '对这个 SYN '}回 RST`,
	],
];

/** A running timer's name, as the lab panel's ⏱ rows show it. */
const TIMERS: Rule[] = [[/^(retransmission|time-wait|fin-wait-2|keepalive|delayed-ack|user-timeout|syn-queue)$/, (_t, name) => TIMER[name!]!]];

/** Lines about the network and the listener, not said by one end. */
const NETWORK: Rule[] = [
	// view.ts: a lost segment, with its numbers (the segment text stays as the diagram shows it).
	[/^(#\d+ (?:client|server) [A-Z,]* ?\d+(?: ack \d+)?(?: len \d+)?) is lost$/, '$1 丢失'],
	// connection.ts: the same, as the step's own log has it (`synack sim tcp --json`).
	[/^segment (#\d+) \((client|server) ([A-Z,]*)\) is lost$/, '报文段 $1（$2 $3）丢失'],
	[
		/^an injected ([A-Z,]*) ?seq (\d+) from the (client|server)'s address enters the network$/,
		(_t, flags, seq, from) => `注入的${flags ? ` ${flags}` : '报文段'} seq ${seq}（源地址为${WHO[from!]}）进入网络`,
	],
	// listener.ts: the flood, its expiry, and the accept queue filled by other clients.
	[
		/^(\d+) spoofed SYNs? reach(?:es)? the listener: (\d+) enters? the SYN queue(?:; (\d+) answered with SYN cookies \(no state kept\))?(?:; (\d+) dropped, SYN queue full)?(?:; (\d+) dropped, accept queue full)?$/,
		(_t, count, queued, cookies, droppedSyn, droppedAccept) =>
			[
				`${count} 个伪造的 SYN 到达监听套接字：${queued} 个进入半连接队列`,
				cookies ? `${cookies} 个改用 SYN cookie 应答（不保存状态）` : '',
				droppedSyn ? `${droppedSyn} 个因半连接队列已满被丢弃` : '',
				droppedAccept ? `${droppedAccept} 个因全连接队列已满被丢弃` : '',
			]
				.filter(Boolean)
				.join('；'),
	],
	[
		/^(\d+) half-open entr(?:y|ies) of the flood expires?: (?:its|their) SYN,ACK retries ran out$/,
		'SYN 洪水留下的 $1 个半连接到期清除：SYN,ACK 重传次数已用完',
	],
	[
		/^(\d+) other clients? finish(?:es)? (?:its|their) handshakes? and waits? in the accept queue(?: \((\d+) more finds? it full\))?$/,
		(_t, added, full) => `另有 ${added} 个客户端完成握手，在全连接队列中等待${full ? `（还有 ${full} 个因队列已满进不去）` : ''}`,
	],
	[/^no other client finds room: the accept queue is full \((\d+) tried\)$/, '全连接队列已满，其他客户端一个也进不去（试了 $1 个）'],
	// view.ts: the listener's fact line.
	[
		/^listener: SYN queue (\d+)\/(\d+), accept queue (\d+), dropped (\d+), cookies (\d+)$/,
		'监听套接字：半连接队列 $1/$2，全连接队列 $3，丢弃 $4，SYN cookie $5',
	],
	// view.ts: a socket call the state does not allow.
	[/^error: (.+)$/, (t, message) => `错误：${t(message!)}`],
];

export const TCP_ZH: readonly Rule[] = [...ENDPOINT, ...NETWORK, ...ERRORS, ...TIMERS];
