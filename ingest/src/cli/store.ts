/** `agner store`: serve the embedded chDB store at AGNER_DATA_DIR to other Agner processes over HTTP. */
import { resolve } from 'node:path'
import { ConfigError, loadConfig } from '../config.ts'
import { buildStoreEndpoint } from '../store-endpoint.ts'

export async function storeCommand(opts: { host: string; port: number }): Promise<void> {
  const config = loadConfig()
  if (config.clickhouseUrl) throw new ConfigError('agner store serves the embedded chDB store, but CLICKHOUSE_URL is set; unset it to serve AGNER_DATA_DIR')
  const dataDir = resolve(config.dataDir)
  const app = await buildStoreEndpoint({ dataDir, password: config.clickhousePassword })
  const address = await app.listen({ host: opts.host, port: opts.port })
  console.log(`agner store: ${dataDir} served at ${address}; run other Agner processes with CLICKHOUSE_URL=${address} CLICKHOUSE_DATABASE=default${config.clickhousePassword ? ' and the same CLICKHOUSE_PASSWORD' : ''}`)
  const stop = (): void => { void app.close().then(() => process.exit(0)) }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
