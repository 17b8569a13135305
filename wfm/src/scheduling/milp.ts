/**
 * A mixed-integer program built column by column and solved with HiGHS (WebAssembly). Columns
 * carry their cost, bounds, integrality and sparse entries; rows their bounds. `solveMilp` returns
 * the best solution found within the time limit, the proven bound and the relative gap, and can
 * solve the LP relaxation instead (the lower bound a schedule is measured against).
 */
import loadHighs from 'highs'

type Highs = Awaited<ReturnType<typeof loadHighs>>
let loading: Promise<Highs> | undefined
/** The solver's WebAssembly module, loaded once per process. */
export function highs(): Promise<Highs> {
  loading ??= loadHighs()
  return loading
}

export interface Column { cost: number; lower?: number; upper?: number; integer?: boolean; rows: number[]; values: number[] }

export class MilpBuilder {
  readonly columns: Column[] = []
  readonly rowLower: number[] = []
  readonly rowUpper: number[] = []

  /** Adds a row lower ≤ a·x ≤ upper; returns its index (entries are given by the columns). */
  addRow(lower = -Infinity, upper = Infinity): number {
    this.rowLower.push(lower)
    this.rowUpper.push(upper)
    return this.rowLower.length - 1
  }

  addColumn(c: Column): number {
    this.columns.push(c)
    return this.columns.length - 1
  }
}

export type SolveStatus = 'optimal' | 'time_limit' | 'infeasible' | 'other'

export interface MilpResult {
  status: SolveStatus
  /** Objective of the best solution (NaN when none was found). */
  objective: number
  /** Proven lower bound on the objective (equals it when optimal). */
  bound: number
  /** Relative gap (objective − bound) / objective; 0 when optimal. */
  gap: number
  x: Float64Array
  seconds: number
}

export interface SolveOptions {
  timeLimitSec?: number
  relaxation?: boolean
  relGap?: number
}

export async function solveMilp(b: MilpBuilder, o: SolveOptions = {}): Promise<MilpResult> {
  const h = await highs()
  const n = b.columns.length
  const starts = new Int32Array(n + 1)
  let nnz = 0
  for (let j = 0; j < n; j++) { nnz += b.columns[j]!.rows.length; starts[j + 1] = nnz }
  const indices = new Int32Array(nnz)
  const values = new Float64Array(nnz)
  b.columns.forEach((c, j) => { indices.set(c.rows, starts[j]!); values.set(c.values, starts[j]!) })
  const inf = h.infinity
  const clamp = (v: number): number => (v === Infinity ? inf : v === -Infinity ? -inf : v)
  const started = performance.now()
  if (n === 0) return { status: 'optimal', objective: 0, bound: 0, gap: 0, x: new Float64Array(0), seconds: 0 }
  const integer = h.constants.variableType.integer
  const continuous = h.constants.variableType.continuous
  return h.withModel({
    numCols: n, numRows: b.rowLower.length,
    colCost: b.columns.map((c) => c.cost),
    colLower: b.columns.map((c) => clamp(c.lower ?? 0)),
    colUpper: b.columns.map((c) => clamp(c.upper ?? Infinity)),
    rowLower: b.rowLower.map(clamp), rowUpper: b.rowUpper.map(clamp),
    matrix: { format: 'csc', numRows: b.rowLower.length, numCols: n, starts, indices, values },
    ...(o.relaxation ? {} : { integrality: b.columns.map((c) => (c.integer ? integer : continuous)) }),
  }, (model) => {
    model.options.set({ output_flag: false, time_limit: Math.max(0.05, o.timeLimitSec ?? 30), mip_rel_gap: o.relGap ?? 1e-4 })
    model.run()
    const code = model.getModelStatus()
    const ms = h.constants.modelStatus
    const status: SolveStatus = code === ms.optimal ? 'optimal' : code === ms.timeLimit ? 'time_limit' : code === ms.infeasible ? 'infeasible' : 'other'
    const sol = model.getSolution()
    const hasSolution = sol.colValue.length === n && (status === 'optimal' || Number(model.info.get('primal_solution_status')) === 2)
    const objective = hasSolution ? model.getObjectiveValue() : NaN
    const isMip = !o.relaxation && b.columns.some((c) => c.integer)
    const rawBound = isMip ? Number(model.info.get('mip_dual_bound')) : objective
    const bound = status === 'optimal' && !isMip ? objective : Number.isFinite(rawBound) ? rawBound : -Infinity
    const gap = !hasSolution ? 1 : status === 'optimal' && !isMip ? 0 : Math.abs(objective) < 1e-9 ? 0 : Math.max(0, (objective - bound) / Math.abs(objective))
    return { status, objective, bound, gap, x: hasSolution ? Float64Array.from(sol.colValue) : new Float64Array(n), seconds: (performance.now() - started) / 1000 }
  })
}
