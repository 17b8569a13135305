/** Lists the admin pages share: queues (for pickers), teams and boards. */
import { ref } from 'vue'
import { defineStore } from 'pinia'
import { api } from '../api'

export interface Queue { id: string; name: string }
export interface Team { id: string; name: string; queueIds: string[]; members: number }
export interface Board { id: string; name: string; teamId: string; queueIds: string[] }

export const useDirectoryStore = defineStore('directory', () => {
  const queues = ref<Queue[]>([])
  const teams = ref<Team[]>([])
  const boards = ref<Board[]>([])
  async function loadQueues(): Promise<void> { queues.value = (await api<{ queues: Queue[] }>('GET', '/api/queues')).queues }
  async function loadTeams(): Promise<void> { teams.value = (await api<{ teams: Team[] }>('GET', '/api/teams')).teams }
  async function loadBoards(): Promise<void> { boards.value = (await api<{ boards: Board[] }>('GET', '/api/boards')).boards }
  const queueName = (id: string): string => queues.value.find((q) => q.id === id)?.name ?? id
  const teamName = (id: string): string => teams.value.find((t) => t.id === id)?.name ?? id
  const boardName = (id: string): string => boards.value.find((b) => b.id === id)?.name ?? id
  return { queues, teams, boards, loadQueues, loadTeams, loadBoards, queueName, teamName, boardName }
})
