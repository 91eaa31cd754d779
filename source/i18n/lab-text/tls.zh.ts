/**
 * The TLS lab's log lines and facts in Chinese (rules: ../lab-text.ts). The lines come from
 * source/models/tls/session.ts (say, mark, the refusals, VERSION_NOTES, certificateNote),
 * pki.ts (check details, alert reasons) and view.ts (facts, `action: error`). A line that
 * quotes another text (a check's detail, an alert's reason, a note, a list item) translates
 * it with `t`, through the rules below it, so each is written once.
 *
 * Kept in English: lane names at the start of a line, message, alert, state and suite names,
 * symbolic values (client_random, pub(m_eph), …), certificate names, RFC citations, numbers.
 * `TCP …` lines quoting the TCP model are passed on to the TCP table (tcp.zh.ts).
 */
import type {Rule, Translate} from '../lab-text.js';

/** Citations inside Chinese text: `RFC 8446 §4.1.2；RFC 5246 §7.4.1.2`, `RFC 5246 §7.4.3、§7.2.2`. */
const cite = (text: string) => text.replace(/, (?=RFC )/g, '；').replace(/, (?=§)/g, '、');

const SIDE: Record<string, string> = {client: '客户端', server: '服务端'};
const side = (s: string) => SIDE[s] ?? s;

/** The refused action as its key is labelled in the zh key bar (lab.ts labelZh). */
function action(label: string): string {
	const fixed: Record<string, string> = {
		'client hello': 'ClientHello',
		'client send': 'client 发送数据',
		'server send': 'server 发送数据',
		'attacker swap-key': '中间人换密钥',
		'attacker swap-cert': '中间人换证书',
		'attacker forge-cert': '伪造证书',
		'attacker replay': '重放',
		'attacker record': '录包',
		'attacker decrypt': '解密录包',
		leak: '泄露私钥',
	};
	if (fixed[label]) return fixed[label];
	const [key, value] = label.split(' ');
	return `${key === 'version' ? '版本' : '证书'} ${value}`;
}

/** A fact's list (`a, b, c` or `nothing yet`), each item through the rules. */
function list(t: Translate, text: string): string {
	if (text === 'nothing yet') return '暂无';
	const items: string[] = [];
	for (const item of text.split(', ')) {
		// The attacker's "pre_master, encrypted" is one item with a comma in it.
		if (item === 'encrypted' && items.at(-1) === 'pre_master') items[items.length - 1] = 'pre_master, encrypted';
		else items.push(item);
	}
	return items.map((i) => t(i)).join('，');
}

/** What the attacker is doing, in the facts (view.ts). */
const DOING: Record<string, string> = {
	'in the middle of the key exchange': '夹在密钥交换中间',
	'swaps the certificate': '调换证书',
	'forges the certificate': '伪造证书',
	'will replay the next handshake message': '将重放下一条握手消息',
	'has the server key': '持有服务端私钥',
	'DECRYPTED the recording': '已解开录包',
	'could not decrypt': '没能解密',
};
const doing = (text: string) =>
	text
		.split(', ')
		.map((d) => DOING[d] ?? d.replace(/^recording \((\d+) records?\)$/, '录包中（$1 条记录）'))
		.join('，');

const SHARE: Record<string, string> = {
	key_share: 'key_share',
	'ECDHE share': 'ECDHE 公钥',
	'ECDHE public key': 'ECDHE 公钥',
	'public key share': '公开密钥份额',
};

export const TLS_ZH: readonly Rule[] = [
	// ------------------------------------------------ TCP underneath: the session's own lines, then the TCP table
	[/^TCP: segment #(\d+) from the (client|server) \(seq (\d+), len (\d+)\) is lost$/, (_t, id, from, seq, len) => `TCP：${side(from!)}的报文段 #${id}（seq ${seq}，len ${len}）丢失`],
	[/^TCP (client|server): retransmits seq (\d+) len (\d+)$/, 'TCP $1：重传 seq $2 len $3'],
	// A socket call's error (RFC 9293 §3.10 wording): the TCP table has them.
	[/^TCP: (.+)$/, (t, error) => `TCP：${t(error!)}`],
	[/^TCP (.+)$/, (t, rest) => `TCP ${t(rest!)}`],

	// ------------------------------------------------ the log: the two ends
	[/^(client|server): (START|CONNECTED|FAILED|NEGOTIATED|RECVD_CH|WAIT_[A-Z0-9_]+) → (START|CONNECTED|FAILED|NEGOTIATED|RECVD_CH|WAIT_[A-Z0-9_]+)$/, '$1：$2 → $3'],
	[/^(client|server) sends (\w+(?:, \w+)*) \((\d+) bytes\)$/, (_t, s, names, bytes) => `${s} 发出 ${names!.split(', ').join('、')}（${bytes} 字节）`],
	[/^(client|server) checks (\w+): (ok|FAILED) — (.+)$/, (t, s, what, ok, detail) => `${s} 校验${what === 'certificate' ? '证书' : ` ${what}`}：${ok === 'ok' ? '通过' : '失败'}——${t(detail!)}`],
	[/^(client|server) sends a fatal alert (\w+\(\d+\))(?: at (\w+))?: (.+)$/, (t, s, alert, at, reason) => `${s} ${at ? `在 ${at} 处` : ''}发出致命告警 ${alert}：${t(reason!)}`],
	[/^(client|server) receives the fatal alert (\w+\(\d+\)) and closes$/, '$1 收到致命告警 $2，关闭连接'],
	[/^(client|server) decrypts (\d+) bytes of application data: (.+)$/, (t, s, bytes, data) => `${s} 解密出 ${bytes} 字节应用数据：${t(data!)}`],
	[/^server: the pre_master does not decrypt; it goes on with a random one \((.+)\), so Finished will fail$/, 'server：pre_master 解密失败，改用一个随机值继续（$1），所以 Finished 必然失败'],
	[/^HTTP\/1\.1 200 OK \(the account page\)$/, 'HTTP/1.1 200 OK（账户页面）'],
	[/^GET \/account HTTP\/1\.1 \((.+)\)$/, 'GET /account HTTP/1.1（$1）'],

	// ------------------------------------------------ the log: the attacker
	[/^attacker: (decrypts|cannot decrypt) the recording — (.+)$/, (t, ok, why) => `攻击者：${ok === 'decrypts' ? '解开了录包' : '解不开录包'}——${t(why!)}`],
	[/^attacker: replays (\w+) recorded from an earlier session( \(it is byte for byte the same message: nothing in it belongs to one session\))?$/, (_t, name, same) =>
		`攻击者：重放以前某次会话录下的 ${name}${same ? '（与原消息逐字节相同：其中没有任何与本次会话绑定的内容）' : ''}`],
	[/^attacker: replaces the certificate with its own \(issued to (\S+) by a trusted CA\)$/, '攻击者：把证书换成自己的真证书（由受信任的 CA 签发给 $1）'],
	[/^attacker: replaces the certificate with one it made itself, claiming (\S+)$/, '攻击者：把证书换成自己伪造的 $1 证书'],
	[/^attacker: puts its own key share (\S+) in the (client|server)'s (\w+)$/, (_t, share, s, name) => `攻击者：把自己的密钥份额 ${share} 塞进${side(s!)}的 ${name}`],
	[/^attacker: replaces the server's ECDHE parameters with (\S+)( and signs them with the leaked server key|; it cannot re-sign them, so the server signature stays)$/, (_t, share, how) =>
		`攻击者：把服务端的 ECDHE 参数换成 ${share}${how!.startsWith(' and') ? '，并用泄露的服务端私钥重新签名' : '；它无法重新签名，只能保留服务端原来的签名'}`],
	[/^attacker: cannot open the client's pre_master \(it is encrypted to the server's key, which the attacker does not have\); it sends the server a pre_master of its own$/,
		'攻击者：打不开客户端的 pre_master（它是用服务端公钥加密的，攻击者没有对应的私钥）；于是给服务端发一个自己的 pre_master'],
	[/^attacker: opens the client's pre_master with the leaked server key and sends the server a pre_master of its own: it holds the keys of both ends$/,
		'攻击者：用泄露的服务端私钥解开客户端的 pre_master，再给服务端发一个自己的 pre_master：两端的密钥它都有了'],
	[/^attacker: cannot open the (client|server)'s Finished, so it computes the one the (client|server) expects from the transcript it saw and seals it with the keys it shares with the (?:client|server)$/,
		(_t, from, to) => `攻击者：打不开${side(from!)}的 Finished，于是按它看到的 transcript 算出${side(to!)}期望的 Finished，用它与${side(to!)}共享的密钥加密`],
	[/^attacker: (?:decrypts (\w+) and reseals it|cannot open the (client|server)'s (\w+), so it writes one with the same content and seals it) with the keys it shares with the (client|server)( and signs it with the leaked server key|; it cannot sign the client's transcript with the server's key, so the server's signature stays)?$/,
		(_t, opened, from, name, to, sig) => {
			const how = opened ? `解开 ${opened}，再用它与${side(to!)}共享的密钥重新加密` : `打不开${side(from!)}的 ${name}，于是照原内容另写一条，用它与${side(to!)}共享的密钥加密`;
			const signed = !sig ? '' : sig.startsWith(' and') ? '，并用泄露的服务端私钥签名' : '；它没有服务端私钥，无法对客户端的 transcript 签名，只能保留服务端原来的签名';
			return `攻击者：${how}${signed}`;
		}],
	[/^attacker: cannot reseal (\w+) for the (client|server): it does not hold the (?:client|server)'s keys$/, (_t, name, s) => `攻击者：无法为${side(s!)}重新加密 ${name}：它和${side(s!)}之间没有共享密钥`],
	[/^attacker: will sit in the middle of the key exchange$/, '攻击者：准备夹在密钥交换中间'],
	[/^attacker: will replace the server's certificate with (its own|a forged one)( \(in TLS 1\.3 that means swapping the key shares too: the certificate is encrypted\))?$/, (_t, which, also) =>
		`攻击者：准备把服务端的证书换成${which === 'its own' ? '自己的' : '伪造的'}${also ? '（TLS 1.3 的证书是加密传输的，所以还得调换密钥份额）' : ''}`],
	[/^attacker: will replace the next handshake message with the copy it recorded in an earlier session$/, '攻击者：准备用以前某次会话录下的副本替换下一条握手消息'],
	[/^attacker: records every record on the wire from now on$/, '攻击者：从现在起录下线路上的每一条记录'],
	[/^the server's long-term private key leaks to the attacker$/, '服务端的长期私钥泄露给了攻击者'],

	// ------------------------------------------------ the log: the learner's choices (V, C) and refused keys
	[/^version stays (\S+)$/, '版本仍是 $1'],
	[/^version (\S+) — (.+)$/, (t, v, note) => `版本 ${v}——${t(note!)}`],
	[/^(C )?certificate (stays )?(\S+) — (.+)$/, (t, key, stays, c, note) => `${key ?? ''}证书${stays ? '仍是' : ''} ${c}——${t(note!)}`],
	[/^(client hello|client send|server send|attacker (?:swap-key|swap-cert|forge-cert|replay|record|decrypt)|leak|version \S+|certificate \S+): (.+)$/, (t, label, error) => `${action(label!)}：${t(error!)}`],

	// ------------------------------------------------ the facts
	[/^TLS (\S+) · client waited (\d+) TLS round trips? \(\+1 TCP\) · TCP (\S+) \| (\S+) · (.+)$/, 'TLS $1 · 客户端等了 $2 个 TLS 往返（+1 个 TCP 往返） · TCP $3 | $4 · $5'],
	[/^V version (\S+) · (.+) · TCP (\S+) \| (\S+)$/, 'V 版本 $1 · $2 · TCP $3 | $4'],
	[/^(client|server) knows: (.+)$/, (t, s, items) => `${s} 已知：${list(t, items!)}`],
	[/^alert: (client|server) sent (\w+\(\d+\))(?: at (\w+))? — (.+)$/, (t, s, alert, at, reason) => `告警：${s} ${at ? `在 ${at} 处` : ''}发出 ${alert}——${t(reason!)}`],
	[/^checked: (.+)$/, (_t, items) => `已校验：${items === 'nothing yet' ? '暂无' : items!.split(', ').map((i) => i.replace(/ certificate /, ' 证书 ')).join('，')}`],
	[/^attacker: (.*) · knows: (.+)$/, (t, what, items) => `攻击者：${doing(what!)} · 已知：${list(t, items!)}`],

	// ------------------------------------------------ quoted: what each version means (VERSION_NOTES)
	[/^1 TLS round trip, key_share in the hellos, certificate sent encrypted$/, '1 个 TLS 往返，两个 hello 里带 key_share，证书加密发送'],
	[/^2 TLS round trips, signed ECDHE parameters: forward secrecy$/, '2 个 TLS 往返，ECDHE 参数带签名：有前向保密'],
	[/^2 TLS round trips, RSA key exchange: no forward secrecy$/, '2 个 TLS 往返，RSA 密钥交换：没有前向保密'],

	// ------------------------------------------------ quoted: what each certificate is (certificateNote)
	[/^(\S+), (\S+) to (\S+) \(lab date (\S+)\)$/, '$1，有效期 $2 至 $3（实验日期 $4）'],
	[/^for (.+); the client asks for (\S+)$/, '签发给 $1；客户端要访问的是 $2'],
	[/^(\S+), signed with its own key, no CA$/, '$1，用自己的私钥签名，没有 CA'],
	[/^(.+) \(not trusted\)$/, '$1（不受信任）'],
	[/^(\S+), changed after (.+) signed it$/, '$1，在 $2 签名之后被改过'],
	[/^(\S+) ← "(.+)" \(CA:FALSE\)$/, '$1 ← “$2”（CA:FALSE）'],
	[/^(.+ ← .+), (\S+) to (\S+)$/, '$1，有效期 $2 至 $3'],

	// ------------------------------------------------ quoted: check details (session.ts verification, pki.ts verifyChain)
	[/^verify error (\d+): (.+)$/, (t, n, reason) => `verify error ${n}：${t(reason!)}`],
	[/^(.+); valid today; names (\S+)$/, '$1；今天在有效期内；证书上列有 $2'],
	[/^self-signed certificate: "(.+)" signed itself and is not in the trust store$/, (t, s) => `${t('self-signed certificate')}：“${s}”由自己签发，且不在信任库中`],
	[/^unable to get local issuer certificate: "(.+)" is not a trusted root$/, (t, s) => `${t('unable to get local issuer certificate')}：“${s}”不是受信任的根证书`],
	[/^invalid CA certificate: "(.+)" has basicConstraints CA:FALSE$/, (t, s) => `${t('invalid CA certificate')}：“${s}”的 basicConstraints 是 CA:FALSE`],
	[/^certificate signature failure: the signature on "(.+)" does not verify with "(.+)"'s key$/, (t, s, issuer) => `${t('certificate signature failure')}：用“${issuer}”的公钥验不过“${s}”上的签名`],
	[/^certificate is not yet valid: "(.+)" starts (\S+), today is (\S+)$/, (t, s, from, today) => `${t('certificate is not yet valid')}：“${s}”从 ${from} 起才生效，今天是 ${today}`],
	[/^certificate has expired: "(.+)" ended (\S+), today is (\S+)$/, (t, s, to, today) => `${t('certificate has expired')}：“${s}”已于 ${to} 到期，今天是 ${today}`],
	[/^hostname mismatch: the certificate names (.+), the client asked for (\S+)$/, (t, names, host) => `${t('hostname mismatch')}：证书上的名字是 ${names}，客户端要访问的是 ${host}`],
	// The OpenSSL verify errors' short names, also quoted by the alerts: `verify error 10 (certificate has expired)`.
	[/^self-signed certificate$/, '自签名证书'],
	[/^self-signed certificate in certificate chain$/, '证书链里有自签名证书'],
	[/^unable to get local issuer certificate$/, '无法获取本地签发者证书'],
	[/^invalid CA certificate$/, '无效的 CA 证书'],
	[/^certificate signature failure$/, '证书签名校验失败'],
	[/^certificate is not yet valid$/, '证书尚未生效'],
	[/^certificate has expired$/, '证书已过期'],
	[/^hostname mismatch$/, '主机名不匹配'],
	[/^no certificate$/, '没有证书'],
	[/^it was not made with the key the certificate names$/, '签名用的不是证书里那把公钥对应的私钥'],
	[/^the signature covers client_random \+ server_random \+ other ECDHE parameters than the ones received$/, '签名覆盖的是 client_random + server_random + 另一组 ECDHE 参数，不是收到的这组'],
	[/^the ECDHE parameters are signed with the certificate's key, over this session's randoms$/, 'ECDHE 参数由证书私钥签名，签名覆盖本次会话的两个随机数'],
	[/^it signs a different transcript: the messages the server saw are not the ones the client saw$/, '签的是另一份 transcript：服务端看到的握手消息和客户端看到的不一样'],
	[/^signed with the certificate's key over this handshake's transcript: the server holds the private key$/, '用证书私钥对本次握手的 transcript 签名，说明服务端确实持有私钥'],
	[/^the (client|server)'s verify_data does not match the (?:client|server)'s (transcript|handshake messages)$/, (_t, from, what) =>
		`${side(from!)}的 verify_data 与${side(from === 'client' ? 'server' : 'client')}的${what === 'transcript' ? ' transcript ' : '握手消息'}对不上`],
	[/^HMAC over the same transcript, keyed from the same handshake traffic secret$/, '同一个握手秘密、同一份 transcript 算出的 HMAC'],
	[/^same master_secret, same handshake messages$/, 'master_secret 相同，握手消息也相同'],

	// ------------------------------------------------ quoted: alert reasons (session.ts fatal, opens, unexpected)
	[/^verify error (\d+) \((.+)\)$/, (t, n, what) => `verify error ${n}（${t(what!)}）`],
	[/^the signature does not verify \((.+)\)$/, (_t, rfc) => `签名验证不通过（${cite(rfc!)}）`],
	[/^the Finished MAC does not verify \((.+)\)$/, 'Finished 的 MAC 验证不通过（$1）'],
	[/^the Finished does not verify \((.+)\)$/, 'Finished 验证不通过（$1）'],
	[/^(\w+) arrived in the clear where a protected record was expected$/, '$1 以明文到达，而这里应是受保护的记录'],
	[/^the record carrying (\w+) does not authenticate with the (client|server)'s keys \((the sender sealed it with other keys|the (?:client|server) has no keys yet)\)$/, (_t, name, s, why) =>
		`承载 ${name} 的记录用${side(s!)}的密钥认证失败（${why!.startsWith('the sender') ? '发送方用的是别的密钥' : `${side(s!)}还没有密钥`}）`],
	[/^(\w+) is not what (\S+) waits for$/, '$2 状态等的不是 $1'],

	// ------------------------------------------------ quoted: why the attacker can or cannot decrypt (attemptDecrypt)
	[/^the recording holds no application data$/, '录包里没有应用数据'],
	[/^the keys come from an (\S+) secret of c_eph and s_eph; only their public halves were on the wire, both ends threw the private halves away, and the server key(, leaked or not,)? only ever signed — forward secrecy$/, (_t, kind, leaked) =>
		`密钥来自 c_eph 与 s_eph 算出的 ${kind} 共享秘密；线路上只出现过它们的公钥，两端早已丢弃私钥，服务端私钥${leaked ? '不管泄没泄露，都' : ''}只用于签名——这就是前向保密`],
	[/^the recording misses the handshake \((\w+), (\w+), (\w+)\) that the keys come from$/, '录包里缺了推导密钥所需的握手消息（$1、$2、$3）'],
	[/^pre_master is encrypted to the server's RSA key, which the attacker does not have \(yet\)$/, 'pre_master 是用服务端的 RSA 公钥加密的，攻击者（还）没有对应的私钥'],
	[/^the recorded data was sealed with other keys$/, '录下的数据是用别的密钥加密的'],
	[/^the leaked RSA key opens the recorded ClientKeyExchange: pre_master → master_secret = (.+) → session keys; (\d+) records? of application data read$/,
		'泄露的 RSA 私钥解开了录下的 ClientKeyExchange：pre_master → master_secret = $1 → 会话密钥；读出 $2 条应用数据记录'],

	// ------------------------------------------------ quoted: refusals (session.ts refusal)
	[/^the handshake has already started$/, '握手已经开始了'],
	[/^in this lab TLS starts once TCP is ESTABLISHED on both ends \(client (\S+), server (\S+)\); a real client may send ClientHello right behind its third ACK$/,
		'本实验里 TCP 两端都进入 ESTABLISHED 后才开始 TLS（客户端 $1，服务端 $2）；真实的客户端在第三个 ACK 之后就可以紧跟着发 ClientHello'],
	[/^the (client|server) has no application keys yet \((\S+)\): application data waits for the handshake$/, (_t, s, state) => `${side(s!)}还没有应用数据密钥（${state}），应用数据要等握手完成`],
	[/^the handshake is over$/, '握手已经结束'],
	[/^the attacker is already in the middle of the key exchange$/, '攻击者已经夹在密钥交换中间了'],
	[/^too late: the client has already taken in (?:the (\w+) key_share|(\w+))$/, (_t, hello, name) => `太晚了，客户端已经处理过 ${hello ? `${hello} 里的 key_share` : name}`],
	[/^too late: the client has already sent ClientKeyExchange$/, '太晚了，客户端已经发出 ClientKeyExchange'],
	[/^the attacker has already swapped the certificate$/, '攻击者已经换过证书了'],
	[/^too late: in TLS 1\.3 the certificate travels encrypted, so the attacker had to swap the key shares before ServerHello$/, '太晚了，TLS 1.3 的证书是加密传输的，攻击者必须在 ServerHello 之前就调换密钥份额'],
	[/^too late: the client has already checked the certificate$/, '太晚了，客户端已经验过证书了'],
	[/^the ClientHello has already been sent \(TLS (1\.3|1\.2, (RSA|ECDHE) key exchange)\), so the version is settled for this connection \((.+)\): undo \(u\) back before h, or reset \(R\), to choose another$/,
		(_t, v, kx, rfc) => `ClientHello 已经发出（TLS ${kx ? `1.2，${kx} 密钥交换` : v}），这条连接的版本已定（${cite(rfc!)}）；要换版本，先撤销（u）到按 h 之前，或重置（R）`],
	[/^the handshake has started with the (\S+) certificate, fixed before h; undo \(u\) back before h, or reset \(R\), to choose another$/,
		'握手已经用 $1 证书开始了，证书在按 h 之前就定下了；要换证书，先撤销（u）到按 h 之前，或重置（R）'],
	[/^nothing to replay yet: the handshake has not started$/, '握手还没开始，没有可重放的消息'],
	[/^the handshake is complete: no handshake message is left to replace$/, '握手已经完成，没有剩下的握手消息可以替换'],
	[/^a replay is already waiting for the next message$/, '已经有一次重放在等下一条消息了'],
	[/^the attacker is already recording$/, '攻击者已经在录包了'],
	[/^the server's private key has already leaked$/, '服务端私钥已经泄露过了'],
	[/^nothing recorded: press e \(record\) first$/, '还没录到任何东西，先按 e（录包）'],

	// ------------------------------------------------ quoted: what an end or the attacker knows (facts' lists)
	[/^(\w+) \(its (x25519|ECDHE) private key\)$/, '$1（自己的 $2 私钥）'],
	[/^m_eph \(its own key pair\)$/, 'm_eph（自己的密钥对）'],
	[/^server_key \(the server's long-term private key\)$/, 'server_key（服务端的长期私钥）'],
	[/^(?:the )?(client|server)'s (key_share|ECDHE share|ECDHE public key|public key share)(?: (\S+))?$/, (_t, s, what, value) => {
		const share = SHARE[what!] ?? what!;
		return `${side(s!)}的${/^[A-Za-z]/.test(share) ? ' ' : ''}${share}${value ? ` ${value}` : ''}`;
	}],
	[/^\(EC\)DHE shared secret$/, '(EC)DHE 共享秘密'],
	[/^handshake keys$/, '握手密钥'],
	[/^application keys$/, '应用数据密钥'],
	[/^session keys$/, '会话密钥'],
	[/^server public key \(from the certificate\)$/, '服务端公钥（取自证书）'],
	[/^pre_master \(ECDHE shared secret\)$/, 'pre_master（ECDHE 共享秘密）'],
	[/^pre_master \((\d+) bytes it chose\)$/, 'pre_master（自己选的 $1 字节）'],
	[/^pre_master \(decrypted with its private key\)$/, 'pre_master（用自己的私钥解密得到）'],
	[/^pre_master \(decrypted with the leaked key\)$/, 'pre_master（用泄露的私钥解密得到）'],
	[/^the client's pre_master \(decrypted with the leaked key\)$/, '客户端的 pre_master（用泄露的私钥解密得到）'],
	[/^pre_master, encrypted$/, 'pre_master（密文）'],
	[/^encrypted application data$/, '加密的应用数据'],
];
