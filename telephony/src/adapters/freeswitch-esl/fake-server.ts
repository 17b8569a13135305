/**
 * A fake FreeSWITCH event socket over real TCP, for tests: an ACL rejection, `auth/request`, `command/reply`
 * (`+OK accepted` / `-ERR invalid`), `event json|plain …`, `api` commands answered from a table
 * (callcenter_config lists), and events written as `text/event-json` or `text/event-plain` frames
 * with their Content-Length, as the client subscribed.
 */
import { createServer, type Server, type Socket } from 'node:net'
import { eslEventFrame, eslReply } from './frame-writer.ts'

export class FakeEslServer {
  readonly commands: string[] = []
  /** `api` answers by command prefix (longest match wins); unknown commands get `-ERR`. */
  api: Record<string, string> = {
    'status': 'UP 0 years, 0 days\n',
    'callcenter_config agent list': 'name|instance_id|uuid|type|contact|status|state|max_no_answer|wrap_up_time\n+OK\n',
    'callcenter_config queue list members': 'queue|instance_id|uuid|session_uuid|cid_number|cid_name|system_epoch|joined_epoch|rejoined_epoch|bridge_epoch|abandoned_epoch|base_score|skill_score|serving_agent|serving_system|state\n+OK\n',
    'callcenter_config queue list': 'name|strategy|moh_sound|time_base_score|tier_rules_apply|tier_rule_wait_second|tier_rule_wait_multiply_level|tier_rule_no_agent_no_wait|discard_abandoned_after|abandoned_resume_allowed|max_wait_time|max_wait_time_with_no_agent|max_wait_time_with_no_agent_time_reached|record_template|calls_answered|calls_abandoned|ring_progressively_delay|skip_agents_with_external_calls|agent_no_answer_status\nsupport@default|longest-idle-agent|||||||||||||0|0||true|On Break\n+OK\n',
    'callcenter_config agent set status': '+OK\n',
  }
  private server: Server | undefined
  private readonly subscribed = new Map<Socket, 'json' | 'plain'>()
  port = 0
  authFailures = 0
  /** Turn every caller away as FreeSWITCH does when its address is not on apply-inbound-acl's list. */
  rejectAddress = false
  constructor(private readonly password = 'ClueCon') {}

  async listen(port = 0): Promise<number> {
    this.server = createServer((s) => this.accept(s))
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve))
    this.port = (this.server.address() as { port: number }).port
    return this.port
  }

  get sessions(): number { return this.subscribed.size }

  event(headers: Record<string, string>): void {
    for (const [s, framing] of this.subscribed) s.write(eslEventFrame(headers, framing))
  }

  drop(): void { for (const s of this.subscribed.keys()) s.destroy() }

  async close(): Promise<void> {
    this.drop()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  private accept(s: Socket): void {
    s.on('error', () => undefined)
    s.on('close', () => this.subscribed.delete(s))
    if (this.rejectAddress) {
      // mod_event_socket: the ACL is checked first, then "Access Denied, go away." and a disconnect notice.
      s.write(eslReply('text/rude-rejection', {}, 'Access Denied, go away.\n'))
      s.end(eslReply('text/disconnect-notice', {}, 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n'))
      return
    }
    s.write(eslReply('auth/request'))
    let buf = ''
    let authed = false
    s.on('data', (chunk) => {
      buf += chunk.toString('utf8')
      let i: number
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const line = buf.slice(0, i).trim()
        buf = buf.slice(i + 2)
        this.commands.push(line.startsWith('auth ') ? 'auth ***' : line)
        if (line.startsWith('auth ')) {
          authed = line.slice(5) === this.password
          if (!authed) { this.authFailures++; s.write(eslReply('command/reply', { 'Reply-Text': '-ERR invalid' })); s.end(eslReply('text/disconnect-notice', {}, 'Disconnected, goodbye.\n')) } else s.write(eslReply('command/reply', { 'Reply-Text': '+OK accepted' }))
        } else if (!authed) {
          s.write(eslReply('command/reply', { 'Reply-Text': '-ERR command not found' }))
        } else if (line.startsWith('event ')) {
          const framing = line.split(' ')[1] === 'plain' ? 'plain' : 'json'
          this.subscribed.set(s, framing)
          s.write(eslReply('command/reply', { 'Reply-Text': `+OK event listener enabled ${framing}` }))
        } else if (line.startsWith('api ')) {
          const cmd = line.slice(4)
          const key = Object.keys(this.api).filter((k) => cmd.startsWith(k)).sort((a, b) => b.length - a.length)[0]
          s.write(eslReply('api/response', {}, key ? this.api[key]! : `-ERR ${cmd.split(' ')[0]} Command not found!\n`))
        } else s.write(eslReply('command/reply', { 'Reply-Text': '-ERR command not found' }))
      }
    })
  }
}
