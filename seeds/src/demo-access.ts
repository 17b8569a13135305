/** The demo center's teams, wallboards and one user per role (passwords are generated at first start). */
import { defaultLayout, type BoardLayout } from '@agner/boards'
export interface DemoTeam { key: string; name: string; queueIds: string[] }
export interface DemoBoard { key: string; name: string; team: string; queueIds: string[]; layout: BoardLayout }

/** The whole-center board: the default page, then the agents and waiting contacts, rotating every 30 s. */
function centerLayout(): BoardLayout {
  const main = defaultLayout()
  return {
    ...main, rotateSeconds: 30,
    pages: [...main.pages, {
      id: 'people', title: '',
      widgets: [
        { id: 'agents', type: 'agent-grid', x: 0, y: 0, w: 9, h: 12 },
        { id: 'waiting-list', type: 'waiting-list', x: 9, y: 0, w: 3, h: 8 },
        { id: 'aux', type: 'kpi', x: 9, y: 8, w: 3, h: 2, metric: 'agentsAux' },
        { id: 'ready', type: 'kpi', x: 9, y: 10, w: 3, h: 2, metric: 'agentsReady' },
      ],
    }],
  }
}
export interface DemoUser { username: string; displayName: string; role: 'agent' | 'supervisor' | 'planner' | 'manager'; teams: string[]; agentId?: string }

export const DEMO_TEAMS: DemoTeam[] = [
  { key: 'sales', name: '销售组 Sales', queueIds: ['sales', 'vip'] },
  { key: 'service', name: '客服组 Service', queueIds: ['support', 'billing', 'chat', 'email'] },
]

export const DEMO_BOARDS: DemoBoard[] = [
  { key: 'sales', name: '销售看板 Sales board', team: 'sales', queueIds: ['sales', 'vip'], layout: defaultLayout() },
  { key: 'service', name: '客服看板 Service board', team: 'service', queueIds: ['support', 'billing', 'chat', 'email'], layout: defaultLayout() },
  { key: 'center', name: '全中心 Whole center', team: '', queueIds: ['sales', 'support', 'billing', 'vip', 'chat', 'email'], layout: centerLayout() },
]

export const DEMO_USERS: DemoUser[] = [
  { username: 'agent', displayName: '张伟', role: 'agent', teams: ['sales'], agentId: 'agent-01' },
  { username: 'agent2', displayName: '刘洋', role: 'agent', teams: ['sales'], agentId: 'agent-04' },
  { username: 'supervisor', displayName: '王芳', role: 'supervisor', teams: ['sales'] },
  { username: 'planner', displayName: 'Olivia', role: 'planner', teams: [] },
  { username: 'manager', displayName: '李娜', role: 'manager', teams: ['sales', 'service'] },
]
