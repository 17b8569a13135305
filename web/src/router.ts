/**
 * The app's pages. Each says what it needs (`meta.permission`, or `public`); the guard signs the
 * user in first and sends anyone without the permission to the start page. The navigation shows
 * only what the user may open, from the same meta.
 */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { whenSignedOut } from './api'
import { useSessionStore } from './stores/session'

/** Where a page sits in the navigation: the main row, or a menu of its own (workforce management, administration). */
export type NavSection = 'main' | 'reports' | 'wfm' | 'admin'

declare module 'vue-router' {
  interface RouteMeta { public?: boolean; permission?: string; nav?: string; section?: NavSection }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true } },
  { path: '/display/:boardId', name: 'display', component: () => import('./pages/DisplayPage.vue'), meta: { public: true } },
  // Any board full screen for a signed-in user, as a TV shows it (no display link needed).
  { path: '/boards/:boardId/screen', name: 'board-screen', component: () => import('./pages/DisplayPage.vue'), meta: { permission: 'boards:read' } },
  {
    path: '/', component: () => import('./layouts/AppShell.vue'),
    children: [
      { path: '', name: 'live', component: () => import('./pages/LivePage.vue'), meta: { permission: 'live:read', nav: 'nav.live', section: 'main' } },
      { path: 'agents', name: 'agents', component: () => import('./pages/agents/AgentsPage.vue'), meta: { permission: 'agents:control', nav: 'nav.agents', section: 'main' } },
      { path: 'boards', name: 'boards', component: () => import('./pages/boards/BoardsPage.vue'), meta: { permission: 'boards:read', nav: 'nav.boards', section: 'main' } },
      { path: 'boards/:id', name: 'board-editor', component: () => import('./pages/boards/BoardEditorPage.vue'), meta: { permission: 'boards:read' } },
      { path: 'reports/:name?', name: 'report', component: () => import('./pages/reports/ReportsPage.vue'), meta: { permission: 'reports:read', nav: 'nav.reports', section: 'reports' } },
      { path: 'reports/schedules', name: 'report-schedules', component: () => import('./pages/reports/SchedulesPage.vue'), meta: { permission: 'reports:export', nav: 'nav.schedules', section: 'reports' } },
      { path: 'reports/contacts/:id', name: 'contact', component: () => import('./pages/reports/ContactPage.vue'), meta: { permission: 'reports:read' } },
      { path: 'wfm', name: 'planner', component: () => import('./pages/wfm/PlannerPage.vue'), meta: { permission: 'wfm:read', nav: 'nav.planner', section: 'wfm' } },
      { path: 'wfm/schedule', name: 'schedule', component: () => import('./pages/wfm/SchedulePage.vue'), meta: { permission: 'wfm:read', nav: 'nav.schedule', section: 'wfm' } },
      { path: 'wfm/intraday', name: 'intraday', component: () => import('./pages/wfm/IntradayPage.vue'), meta: { permission: 'wfm:read', nav: 'nav.intraday', section: 'wfm' } },
      { path: 'wfm/time-off', name: 'time-off', component: () => import('./pages/wfm/TimeOffPage.vue'), meta: { permission: 'wfm:read', nav: 'nav.timeOff', section: 'wfm' } },
      { path: 'wfm/rta', name: 'rta', component: () => import('./pages/wfm/RtaPage.vue'), meta: { permission: 'wfm:read', nav: 'nav.rta', section: 'wfm' } },
      { path: 'desk', name: 'desk', component: () => import('./pages/desk/DeskPage.vue'), meta: { permission: 'agent:desktop', nav: 'nav.desk', section: 'main' } },
      { path: 'my-schedule', name: 'my-schedule', component: () => import('./pages/wfm/MySchedulePage.vue'), meta: { permission: 'agent:desktop', nav: 'nav.mySchedule', section: 'main' } },
      { path: 'admin/users', name: 'users', component: () => import('./pages/admin/UsersPage.vue'), meta: { permission: 'users:manage', nav: 'nav.users', section: 'admin' } },
      { path: 'admin/teams', name: 'teams', component: () => import('./pages/admin/TeamsPage.vue'), meta: { permission: 'users:manage', nav: 'nav.teams', section: 'admin' } },
      { path: 'admin/displays', name: 'displays', component: () => import('./pages/admin/DisplayLinksPage.vue'), meta: { permission: 'displays:manage', nav: 'nav.displays', section: 'admin' } },
      { path: 'admin/tokens', name: 'tokens', component: () => import('./pages/admin/TokensPage.vue'), meta: { permission: 'tokens:manage', nav: 'nav.tokens', section: 'admin' } },
      { path: 'admin/center', name: 'center', component: () => import('./pages/admin/center/CenterPage.vue'), meta: { permission: 'settings:write', nav: 'nav.center', section: 'admin' } },
      { path: 'admin/alerts', name: 'alert-rules', component: () => import('./alerts/AlertSettingsPage.vue'), meta: { permission: 'settings:write', nav: 'nav.alertRules', section: 'admin' } },
      { path: 'alerts', name: 'alerts', component: () => import('./alerts/AlertsPage.vue'), meta: { permission: 'alerts:read' } },
      { path: 'admin/sources', name: 'sources', component: () => import('./pages/admin/SourcesPage.vue'), meta: { permission: 'settings:write', nav: 'nav.sources', section: 'admin' } },
      { path: 'admin/audit', name: 'audit', component: () => import('./pages/admin/AuditPage.vue'), meta: { permission: 'audit:read', nav: 'nav.audit', section: 'admin' } },
      { path: 'me', name: 'profile', component: () => import('./pages/ProfilePage.vue') },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  const session = useSessionStore()
  if (!session.me && !(await session.load())) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
  if (to.meta.permission && !session.can(to.meta.permission)) {
    // The start page for those who may not see live queues is the first page they may open.
    // It says why: the page they asked for is named on the one they land on.
    const first = navigableRoutes(session.can)[0]
    return first && first.name !== to.name ? { name: first.name, query: { denied: String(to.name ?? '') } } : true
  }
  return true
})

whenSignedOut(() => {
  const session = useSessionStore()
  if (!session.me) return
  session.forget()
  void router.push({ name: 'login', query: { signedOut: '1', next: router.currentRoute.value.fullPath } })
})

/** The pages a user may open, in navigation order. */
export function navigableRoutes(can: (p: string) => boolean): Array<{ name: string; nav: string; section: NavSection }> {
  const shell = routes.find((r) => r.path === '/')!
  return (shell.children ?? [])
    .filter((r) => r.meta?.nav && (!r.meta.permission || can(r.meta.permission)))
    .map((r) => ({ name: String(r.name), nav: r.meta!.nav!, section: r.meta!.section ?? 'main' }))
}
