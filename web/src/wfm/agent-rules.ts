/**
 * The WFM rules as the schedule page's panels edit them, one agent at a time: load the rules and
 * the agents' names, replace one agent's entry and save the whole (the server checks it).
 */
import { ref } from 'vue'
import { api } from '../api'
import { errorText } from '../errors'

export interface AgentRules { agentId: string; contractId: string; leave?: Array<{ from: string; to: string; reason?: string }>; [k: string]: unknown }
export interface Contract { id: string; name: string; minHoursPerWeek: number; maxHoursPerWeek: number }
export interface Rules { agents: AgentRules[]; contracts: Contract[]; defaultContractId: string; [k: string]: unknown }

export function useAgentRules() {
  const rules = ref<Rules>()
  /** Agents the user may see, by name. */
  const agents = ref<Array<{ id: string; name: string }>>([])
  const error = ref('')
  const notice = ref('')

  async function load(): Promise<void> {
    try {
      rules.value = await api<Rules>('GET', '/api/wfm/rules')
      agents.value = (await api<{ agents: Array<{ id: string; name: string }> }>('GET', '/api/reports')).agents.sort((a, b) => a.name.localeCompare(b.name))
    } catch (err) { error.value = errorText(err) }
  }

  const own = (agentId: string): AgentRules => rules.value?.agents.find((a) => a.agentId === agentId) ?? { agentId, contractId: rules.value?.defaultContractId ?? '' }
  const nameOf = (agentId: string): string => agents.value.find((a) => a.id === agentId)?.name ?? agentId

  /** Saves the rules with `agentId`'s entry changed by `change`; says `done` when the server took it. */
  async function saveAgent(agentId: string, change: (a: AgentRules) => AgentRules, done: string): Promise<boolean> {
    const r = rules.value
    if (!r) return false
    error.value = ''; notice.value = ''
    try {
      rules.value = await api<Rules>('PUT', '/api/wfm/rules', { ...r, agents: [...r.agents.filter((a) => a.agentId !== agentId), change(own(agentId))] })
      notice.value = done
      return true
    } catch (err) { error.value = errorText(err); return false }
  }

  return { rules, agents, error, notice, load, own, nameOf, saveAgent }
}
