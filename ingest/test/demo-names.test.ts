/** Every agent of the demo center has a name: in its history, the live view, reports and WFM. */
import { expect, it } from 'vitest'
import { DEMO_AGENTS, demoHistoryScenario } from '@agner/seeds'
import type { ScenarioAgent } from '@agner/telephony'
import { acdSetup, liveSetup } from '../src/acd-runtime.ts'
import { loadConfig } from '../src/config.ts'

it('the 60 agents of the demo history all have names, and no name is an id', () => {
  const scenario = demoHistoryScenario({ start: Date.UTC(2026, 10, 2), hours: 24, utcOffsetHours: 8 })
  const config = loadConfig({}, { demo: true })
  const { agentNames } = liveSetup(acdSetup(config))
  expect(scenario.agents).toHaveLength(60)
  for (const a of scenario.agents as ScenarioAgent[]) {
    const name = agentNames?.[a.id]
    expect(name, a.id).toBeTruthy()
    expect(name).not.toMatch(/^agent-/)
  }
  expect(new Set(DEMO_AGENTS.map((a) => a.name)).size).toBe(60)
})
