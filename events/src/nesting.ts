/**
 * Deeply nested JSON: how deep a parsed value goes (without recursion, so a hostile 100,000-level
 * value cannot overflow the stack) and a text of it cut to a size and depth that is safe to keep.
 */

/** Events nest a few levels (envelope → data → a list); anything past this is refused. */
export const MAX_EVENT_DEPTH = 32

/** True when `value` has objects or arrays nested deeper than `limit` levels. Stops at the first such path. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (typeof v !== 'object' || v === null) continue
    if (depth > limit) return true
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1])
    }
  }
  return false
}

/** JSON text of `value` for the record (dead letters): at most `maxChars`, levels past `maxDepth` shown as "…". */
export function boundedJson(value: unknown, maxChars = 65_536, maxDepth = MAX_EVENT_DEPTH): string {
  if (!nestedDeeperThan(value, maxDepth)) return (JSON.stringify(value) ?? '').slice(0, maxChars)
  let out = ''
  const write = (v: unknown, depth: number): void => {
    if (out.length >= maxChars) return
    if (typeof v !== 'object' || v === null) { out += JSON.stringify(v) ?? 'null'; return }
    if (depth >= maxDepth) { out += '"…"'; return }
    const array = Array.isArray(v)
    out += array ? '[' : '{'
    let first = true
    for (const [k, child] of Object.entries(v)) {
      if (out.length >= maxChars) break
      if (!first) out += ','
      first = false
      if (!array) out += `${JSON.stringify(k)}:`
      write(child, depth + 1)
    }
    out += array ? ']' : '}'
  }
  write(value, 0)
  return out.slice(0, maxChars)
}
