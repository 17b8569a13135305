/** `agner <command>`: the root CLI. */
import { parseArgs } from 'node:util'
import { ConfigError } from '../config.ts'
import { emitCommand, migrateCommand, replayCommand } from './commands.ts'
import { resetPasswordCommand } from './reset-password.ts'
import { simulateCommand } from './simulate.ts'
import { seedCommand } from './seed.ts'
import { reportCommand } from './report.ts'
import { erlangCommand } from './erlang.ts'
import { storeCommand } from './store.ts'
import { convertQueueLogs, importQueueLogs } from './queue-log-files.ts'
import { convertCapture } from './capture-files.ts'
import { WfmInputError } from '@agner/wfm'
import { ReportInputError } from '@agner/analytics'
import { ScenarioError } from '@agner/telephony'
import { runServer } from '../server.ts'
import { limitHeapGrowth } from '../heap-growth.ts'

const USAGE = `usage: agner <command>
  start                                   run server + ingest (+ demo traffic) on the configured bus and store
  migrate                                 apply the store's schema migrations
  store [--host 127.0.0.1] [--port 8123]  serve the embedded store (AGNER_DATA_DIR) over ClickHouse's HTTP interface,
                                          so other Agner processes share it with CLICKHOUSE_URL
  emit --rate N --duration S [--url URL]  publish synthetic traffic (to NATS_URL, else to a running server)
  replay FILE.ndjson [--url URL]          publish events from a file (to a server, else straight into the store)
  seed --weeks N                          fill the store with N weeks of the demo center's history (simulated)
  convert asterisk-queue-log FILE… [--instance NAME]
                                          print the canonical events (NDJSON) Agner makes of queue_log files
                                          (rotated and .gz too); what it skips and cannot map goes to stderr
  convert asterisk-ami|freeswitch-esl FILE [--instance NAME]
                                          the same for a raw AMI byte stream or raw event-socket frames
  import asterisk-queue-log FILE… [--instance NAME]
                                          write them into the store; importing a file again adds nothing
  reset-password USER                     give a user a new generated password (printed once) and end their sessions
  report NAME --from ISO --to ISO [--interval 30m] [--queue ID]… [--team ID]… [--agent ID]… [--channel C]…
         [--lang en|zh-CN] [--format json|csv|xlsx|pdf] [--section ID] [--out FILE] [--url URL]
                                          a report (queue-performance, service-level, abandons, agent-performance,
                                          agent-timeline, dispositions, contacts, csat); from a server with --url
  erlang --volume N --interval SEC --aht SEC [--threshold SEC] [--sl 0.8] [--asa SEC] [--max-occupancy 0.85]
         [--abandon-rate 0.05] [--shrinkage 0.3] [--patience SEC] [--agents N] [--json]
                                          Erlang C (Erlang A with --patience): size the agents for the goals, or
                                          evaluate --agents N
  simulate --scenario FILE [--hours H] [--seed N] [--json]
                                          run a scenario through the ACD in virtual time; per-queue figures

emit/replay with --url send to POST /api/events with the API token in AGNER_TOKEN (scope events:write);
report with --url reads GET /api/reports/NAME with AGNER_TOKEN (scopes reports:read, reports:export).`

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  limitHeapGrowth()
  try {
    switch (command) {
      case 'start': return await runServer()
      case 'migrate': return await migrateCommand()
      case 'store': {
        const { values } = parseArgs({ args: rest, options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '8123' } } })
        const port = Number(values.port)
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number from 0 to 65535, got "${values.port}"`)
        return await storeCommand({ host: values.host ?? '127.0.0.1', port })
      }
      case 'emit': {
        const { values } = parseArgs({ args: rest, options: { rate: { type: 'string', default: '100' }, duration: { type: 'string', default: '60' }, url: { type: 'string' }, queues: { type: 'string' }, seed: { type: 'string' } } })
        const rate = positive(values.rate, '--rate'), duration = positive(values.duration, '--duration')
        return await emitCommand({ rate, duration, url: values.url, queues: values.queues ? positive(values.queues, '--queues') : undefined, seed: values.seed ? Number(values.seed) : undefined })
      }
      case 'replay': {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { url: { type: 'string' } } })
        if (positionals.length !== 1) throw new UsageError('replay needs exactly one file: agner replay FILE.ndjson [--url URL]')
        await replayCommand(positionals[0]!, values.url)
        return
      }
      case 'simulate': {
        const { values } = parseArgs({ args: rest, options: { scenario: { type: 'string' }, hours: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean', default: false } } })
        if (!values.scenario) throw new UsageError('simulate needs a scenario: agner simulate --scenario FILE.json [--hours H] [--seed N] [--json]')
        const seed = values.seed === undefined ? undefined : Number(values.seed)
        if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, got "${values.seed}"`)
        return simulateCommand({ scenario: values.scenario, hours: values.hours ? positive(values.hours, '--hours') : undefined, seed, json: values.json ?? false })
      }
      case 'convert':
      case 'import': {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { instance: { type: 'string', default: 'asterisk' } } })
        const [kind, ...files] = positionals
        const kinds = command === 'convert' ? ['asterisk-queue-log', 'asterisk-ami', 'freeswitch-esl'] : ['asterisk-queue-log']
        if (!kind || !kinds.includes(kind)) {
          throw new UsageError(`${command} takes a source kind and files: agner ${command} asterisk-queue-log /var/log/asterisk/queue_log; ${kind ? `"${kind}" is not one ${command} reads (it reads ${kinds.join(', ')})` : 'no kind given'}`)
        }
        if (files.length === 0) throw new UsageError(`${command} needs at least one file: agner ${command} ${kind} FILE`)
        const instance = values.instance ?? 'asterisk'
        if (!/^[A-Za-z0-9_.-]{1,64}$/.test(instance)) throw new UsageError(`--instance must be letters, digits, ".", "-" or "_", got "${instance.slice(0, 40)}"`)
        if (kind === 'asterisk-ami' || kind === 'freeswitch-esl') {
          if (files.length > 1) throw new UsageError(`convert ${kind} reads one capture at a time, got ${files.length} files`)
          return await convertCapture({ kind, file: files[0]!, instance })
        }
        return command === 'convert' ? await convertQueueLogs({ files, instance }) : await importQueueLogs({ files, instance })
      }
      case 'seed': {
        const { values } = parseArgs({ args: rest, options: { weeks: { type: 'string', default: '8' } } })
        const weeks = positive(values.weeks, '--weeks')
        if (!Number.isInteger(weeks) || weeks > 104) throw new UsageError(`--weeks must be a whole number from 1 to 104, got "${values.weeks}"`)
        return await seedCommand(weeks)
      }
      case 'report': {
        const many = { type: 'string', multiple: true } as const
        const { values, positionals } = parseArgs({
          args: rest, allowPositionals: true,
          options: {
            from: { type: 'string' }, to: { type: 'string' }, interval: { type: 'string' }, queue: many, team: many, agent: many, channel: many,
            lang: { type: 'string' }, format: { type: 'string', default: 'json' }, out: { type: 'string' }, url: { type: 'string' },
            outcome: { type: 'string' }, search: { type: 'string' }, limit: { type: 'string' }, section: { type: 'string' },
          },
        })
        if (positionals.length !== 1) throw new UsageError('report needs exactly one report name: agner report queue-performance --from 2026-11-01 --to 2026-11-02 --format xlsx --out day.xlsx')
        const { format, out, url, section, ...query } = values
        return await reportCommand({ name: positionals[0]!, query, format: format ?? 'json', out, url, section })
      }
      case 'erlang': {
        const str = { type: 'string' } as const
        const { values } = parseArgs({
          args: rest,
          options: {
            volume: str, interval: str, aht: str, threshold: str, sl: str, asa: str, 'max-occupancy': str, 'abandon-rate': str,
            shrinkage: str, patience: str, agents: str, json: { type: 'boolean', default: false },
          },
        })
        return erlangCommand(values)
      }
      case 'reset-password': {
        if (rest.length !== 1) throw new UsageError('reset-password needs exactly one user name: agner reset-password USER')
        return await resetPasswordCommand(rest[0]!)
      }
      default:
        console.log(USAGE)
        if (command && command !== 'help' && command !== '--help') process.exitCode = 2
    }
  } catch (err) {
    if (err instanceof ConfigError || err instanceof UsageError || err instanceof ScenarioError || err instanceof ReportInputError || err instanceof WfmInputError) { console.error(`agner: ${err.message}`); process.exit(2) }
    console.error(`agner: ${(err as Error).message}`)
    process.exit(1)
  }
}

class UsageError extends Error {}

function positive(v: string | undefined, name: string): number {
  const n = Number(v)
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number, got "${v}"`)
  return n
}
