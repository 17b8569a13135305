/** The demo center's teams, wallboards and one user per role (passwords are generated at first start). */
export interface DemoTeam { key: string; name: string; queueIds: string[] }
export interface DemoBoard { key: string; name: string; team: string; queueIds: string[] }
export interface DemoUser { username: string; displayName: string; role: 'agent' | 'supervisor' | 'planner' | 'manager'; teams: string[]; agentId?: string }

export const DEMO_TEAMS: DemoTeam[] = [
  { key: 'sales', name: '销售组 Sales', queueIds: ['sales', 'vip'] },
  { key: 'service', name: '客服组 Service', queueIds: ['support', 'billing', 'chat', 'email'] },
]

export const DEMO_BOARDS: DemoBoard[] = [
  { key: 'sales', name: '销售看板 Sales board', team: 'sales', queueIds: ['sales', 'vip'] },
  { key: 'service', name: '客服看板 Service board', team: 'service', queueIds: ['support', 'billing', 'chat', 'email'] },
  { key: 'center', name: '全中心 Whole center', team: '', queueIds: ['sales', 'support', 'billing', 'vip', 'chat', 'email'] },
]

export const DEMO_USERS: DemoUser[] = [
  { username: 'agent', displayName: '张伟', role: 'agent', teams: ['sales'], agentId: 'agent-01' },
  { username: 'supervisor', displayName: '王芳 (Sales supervisor)', role: 'supervisor', teams: ['sales'] },
  { username: 'planner', displayName: 'Olivia (WFM planner)', role: 'planner', teams: [] },
  { username: 'manager', displayName: '李娜 (Center manager)', role: 'manager', teams: ['sales', 'service'] },
]
