import { createStore } from './src/store/client.ts'
const s = await createStore({ dataDir: '/tmp/probe-ch' })
const q = async (query: string, p: Record<string, unknown> = {}) => console.log(JSON.stringify(await (await s.client.query({ query, format: 'JSONEachRow', query_params: p })).json()))
await q(`SELECT toUnixTimestamp64Milli(toDateTime64(toStartOfInterval(fromUnixTimestamp64Milli(toInt64(1700000000000), {tz:String}), INTERVAL 1 HOUR), 3)) a, toStartOfInterval(fromUnixTimestamp64Milli(toInt64(1700000000000), {tz:String}), INTERVAL 1 HOUR) b, toStartOfWeek(fromUnixTimestamp64Milli(toInt64(1700000000000), {tz:String}), 1) w, toUnixTimestamp(toStartOfMonth(fromUnixTimestamp64Milli(toInt64(1700000000000), {tz:String}))) m`, { tz: 'Asia/Kolkata' })
await q(`SELECT sumMap(m) s, arraySum(mapValues(mapFilter((k, v) -> k <= 20, sumMap(m)))) le FROM (SELECT map(toUInt16(3), toUInt32(1), toUInt16(25), toUInt32(2)) m UNION ALL SELECT map(toUInt16(3), toUInt32(4)) m)`)
await q(`SELECT version()`)
await s.close()
