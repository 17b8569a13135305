/**
 * What a source connection says about itself, in both languages, and its retry rhythm: capped
 * exponential backoff, never a tight loop. Pure.
 */
import { sentences, type Sentence } from '@agner/events/sentences'

export const sayings = sentences({
  connected: { en: 'connected', 'zh-CN': '已连接' },
  connecting: { en: 'connecting to {address}', 'zh-CN': '正在连接 {address}' },
  retrying: { en: 'connecting: retry in {seconds} s', 'zh-CN': '连接中：{seconds} 秒后重试' },
  amiLoginRefused: { en: "AMI login refused for user '{user}' at {address}: {message}. Check the user name and secret against manager.conf on the PBX, and that its permit= lets Agner's address in (Asterisk answers both the same way); Agner keeps retrying.", 'zh-CN': 'AMI 登录被拒绝：用户“{user}”，地址 {address}：{message}。请对照 PBX 上 manager.conf 核对用户名和 secret，并确认其中的 permit= 允许 Agner 的地址（这两种情况 Asterisk 的回答相同）；Agner 会继续重试。' },
  eslAuthRefused: { en: 'FreeSWITCH event socket refused the password at {address}: {message}. Check it against event_socket.conf.xml on the PBX; Agner keeps retrying.', 'zh-CN': 'FreeSWITCH 事件套接字拒绝了 {address} 的密码：{message}。请对照 PBX 上 event_socket.conf.xml 核对密码；Agner 会继续重试。' },
  eslAclRejected: { en: "FreeSWITCH at {address} turned Agner's address away ({message}): its event socket takes only the addresses on the list that apply-inbound-acl in event_socket.conf.xml names (the local machine only when unset). Add Agner's address to that list in acl.conf.xml and run reloadacl; Agner keeps retrying.", 'zh-CN': '{address} 上的 FreeSWITCH 拒绝了 Agner 的地址（{message}）：事件套接字只接受 event_socket.conf.xml 中 apply-inbound-acl 所指列表里的地址（未设置时仅限本机）。请在 acl.conf.xml 的该列表中加入 Agner 的地址并执行 reloadacl；Agner 会继续重试。' },
  unreachable: { en: '{address} unreachable: {message}. Check the host, the port and any firewall between; Agner keeps retrying.', 'zh-CN': '无法连接 {address}：{message}。请检查主机、端口以及两者之间的防火墙；Agner 会继续重试。' },
  notPbx: { en: '{address} did not answer as {what}; check the host and port', 'zh-CN': '{address} 的应答不是 {what}；请检查主机和端口' },
  silent: { en: '{address} stopped answering (no reply to the keepalive in {seconds} s); Agner reconnects on its own. If it keeps happening, check the PBX\'s load and the network.', 'zh-CN': '{address} 停止响应（{seconds} 秒内没有回应保活请求）；Agner 会自动重新连接。如果反复出现，请检查 PBX 的负载和网络。' },
  closed: { en: '{address} closed the connection; Agner reconnects on its own. If it keeps happening, check the PBX\'s log (a restart, or a limit on manager sessions).', 'zh-CN': '{address} 关闭了连接；Agner 会自动重新连接。如果反复出现，请查看 PBX 的日志（是否重启，或管理会话数受限）。' },
  fileDenied: { en: 'queue_log not readable: permission denied ({path}). Let the user Agner runs as read it (for example, add it to the asterisk group); Agner keeps retrying.', 'zh-CN': '无法读取 queue_log：权限不足（{path}）。请让运行 Agner 的用户有权读取它（例如加入 asterisk 组）；Agner 会继续重试。' },
  fileUnreadable: { en: 'queue_log not readable: {message} ({path}). Check that the path names Asterisk\'s queue_log file; Agner keeps retrying.', 'zh-CN': '无法读取 queue_log：{message}（{path}）。请确认该路径指向 Asterisk 的 queue_log 文件；Agner 会继续重试。' },
  fileMissing: { en: 'queue_log not found at {path}; check the path and that Asterisk writes it (logger.conf queue_log = yes)', 'zh-CN': '在 {path} 找不到 queue_log；请检查路径，并确认 Asterisk 会写入它（logger.conf 中 queue_log = yes）' },
  following: { en: 'following {path}', 'zh-CN': '正在跟踪 {path}' },
  dbRefused: { en: 'MySQL/MariaDB refused the connection to {address}: {message}. Check the address, user and password, and that the user may connect from this host; Agner keeps retrying.', 'zh-CN': 'MySQL/MariaDB 拒绝连接 {address}：{message}。请检查地址、用户名和密码，并确认该用户可从本机连接；Agner 会继续重试。' },
  dbTable: { en: 'the queue_log table cannot be read at {address}: {message}. Check the table name in the source and that its user may SELECT from it; Agner keeps retrying.', 'zh-CN': '无法读取 {address} 上的 queue_log 表：{message}。请检查数据源中的表名，并确认该用户有 SELECT 权限；Agner 会继续重试。' },
  reading: { en: 'reading table {table} at {address}', 'zh-CN': '正在读取 {address} 上的表 {table}' },
  disabled: { en: 'disabled', 'zh-CN': '已停用' },
  // Connected, and nothing has come since: what a PBX that lets Agner in but tells it nothing looks like.
  amiQuiet: { en: "no queue events for {minutes} min. If calls are being taken, give user '{user}' read = agent,call in manager.conf: without it Asterisk logs Agner in and sends nothing.", 'zh-CN': '已有 {minutes} 分钟没有收到队列事件。如果此时有来电，请在 manager.conf 中为用户“{user}”设置 read = agent,call：缺少该权限时 Asterisk 允许 Agner 登录，却不发送任何事件。' },
  eslQuiet: { en: 'no callcenter events for {minutes} min. If calls are being taken, check that mod_callcenter is loaded and its queues are in callcenter.conf.xml.', 'zh-CN': '已有 {minutes} 分钟没有收到 callcenter 事件。如果此时有来电，请确认已加载 mod_callcenter，且队列已写入 callcenter.conf.xml。' },
  fileQuiet: { en: 'no new lines for {minutes} min. If calls are being taken, check that Asterisk writes this file (logger.conf: queue_log = yes, and queue_log_to_file = yes when it also logs to a table).', 'zh-CN': '已有 {minutes} 分钟没有新行。如果此时有来电，请确认 Asterisk 正在写这个文件（logger.conf：queue_log = yes；同时写入数据表时还需 queue_log_to_file = yes）。' },
  tableQuiet: { en: 'no new rows for {minutes} min. If calls are being taken, check that Asterisk logs its queues to this table (extconfig.conf: queue_log => …).', 'zh-CN': '已有 {minutes} 分钟没有新记录。如果此时有来电，请确认 Asterisk 把队列日志写入这张表（extconfig.conf：queue_log => …）。' },
})

export type SourcePhase = 'connecting' | 'connected' | 'retrying' | 'error' | 'stopped'

export interface SourceState {
  phase: SourcePhase
  said: Sentence
  /** The last thing that went wrong (kept while retrying, cleared once connected). */
  problem?: Sentence
  /** When the next attempt is due (epoch ms), while retrying. */
  retryAt?: number
  since: number
}

/** Capped exponential backoff: 1 s, 2 s, 4 s … up to `maxMs`; `reset()` after a good connection. */
export class Backoff {
  private n = 0
  constructor(private readonly initialMs = 1000, private readonly maxMs = 30_000) {}
  next(): number { const ms = Math.min(this.maxMs, this.initialMs * 2 ** this.n); this.n = Math.min(this.n + 1, 30); return ms }
  reset(): void { this.n = 0 }
}

/** Waiting before the next attempt: "connecting: retry in 8 s", with the reason kept beside it. */
export function retryState(problem: Sentence, delayMs: number, now: number): SourceState {
  return { phase: 'retrying', said: sayings('retrying', { seconds: Math.ceil(delayMs / 1000) }), problem, retryAt: now + delayMs, since: now }
}
