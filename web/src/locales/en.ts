/** English. Every user-visible string of the web app lives here and in zh-CN.ts, key for key. */
export default {
  app: { name: 'Agner', signOut: 'Sign out', otherLanguage: '中文', theme: 'Theme', loading: 'Loading…', signedInAs: 'Signed in as {name} ({role})' },
  theme: { light: 'Light', dark: 'Dark', auto: 'System' },
  nav: { live: 'Live queues', admin: 'Administration', users: 'Users', teams: 'Teams', displays: 'Display links', tokens: 'API tokens', audit: 'Audit trail' },
  roles: { agent: 'Agent', supervisor: 'Supervisor', planner: 'WFM planner', manager: 'Manager', admin: 'Admin' },
  common: {
    save: 'Save', cancel: 'Cancel', delete: 'Delete', edit: 'Edit', create: 'Create', add: 'Add', close: 'Close', copy: 'Copy', copied: 'Copied',
    actions: 'Actions', yes: 'Yes', no: 'No', never: 'Never', none: 'None', all: 'All', refresh: 'Refresh', search: 'Search', reset: 'Reset',
    confirmDelete: 'Delete “{name}”? This cannot be undone.', showOnce: 'Copy it now: it is shown only this once and cannot be recovered.',
    previous: 'Previous', next: 'Next', total: '{n} in total', empty: 'Nothing here yet.',
  },
  errors: {
    network: 'The server cannot be reached; check the connection and try again.',
    forbidden: 'Your role does not allow this; ask an admin.',
    failed: 'That did not work: {message}',
    notFound: 'This page does not exist.', back: 'Back to the start page',
  },
  login: {
    title: 'Sign in to Agner', subtitle: 'Contact-center wallboards, reports and workforce management',
    username: 'User name', password: 'Password', submit: 'Sign in', busy: 'Signing in…',
    missing: 'Enter both your user name and your password.',
    wrong: 'The user name or password is not right; check both and try again.',
    wait: 'Too many failed sign-ins; wait {s} seconds and try again.',
    signedOut: 'You were signed out. Sign in again to continue.',
  },
  // The live queue page (and the wallboard display).
  title: 'Live queues', subtitle: 'Today ({tz})', live: 'Live', stale: 'Stale since {time}', connecting: 'Connecting…',
  queue: 'Queue', waiting: 'Waiting', longestWait: 'Longest wait', serviceLevel: 'Service level', asa: 'ASA', aht: 'AHT',
  abandonRate: 'Abandon rate', offered: 'Offered', answered: 'Answered', abandoned: 'Abandoned', agents: 'Agents',
  ready: 'Ready', reserved: 'Ringing', busy: 'Busy', wrap: 'Wrap', aux: 'Aux', offline: 'Offline',
  noQueues: 'No queue data yet.', formula: 'Formula: {f} (T = {t} s, S = {s} s)',
  display: { revoked: 'This display link was revoked. Ask a supervisor for a new one.', invalid: 'This display link is not valid. Check the address or ask a supervisor for a new one.' },
  profile: {
    changePassword: 'Change password', current: 'Current password', next: 'New password', again: 'New password again',
    rule: 'At least 10 characters; a short sentence works well.', mismatch: 'The two new passwords differ; type them again.',
    changed: 'Your password was changed. Your other sessions were signed out.',
  },
  users: {
    title: 'Users', add: 'Add user', username: 'User name', displayName: 'Name', role: 'Role', teams: 'Teams', agentId: 'Agent ID', pii: 'May see callers’ numbers',
    disabled: 'Disabled', status: 'Status', active: 'Active', password: 'Password', passwordHint: 'Leave empty to generate one', newPassword: 'New password',
    generated: 'Password for {name}', resetPassword: 'Reset password', created: 'Created',
  },
  teams: { title: 'Teams', add: 'Add team', name: 'Team name', queues: 'Queues', members: 'Members', pickQueues: 'Pick the queues this team covers' },
  displays: {
    title: 'Wallboard display links', intro: 'A display link opens one wallboard on a TV with no sign-in. It reads that board’s live figures only, never expires by idleness, and stops the moment it is revoked.',
    board: 'Board', name: 'Where it hangs', create: 'Create link', created: 'Created', createdBy: 'By', lastUsed: 'Last used', state: 'State',
    active: 'Active', revoked: 'Revoked', revoke: 'Revoke', open: 'Open', newLink: 'Display link for {board}', confirmRevoke: 'Revoke “{name}”? Screens using it go blank at once.',
  },
  tokens: {
    title: 'API tokens', intro: 'Tokens let other systems send events and read figures. Each carries only the scopes you pick.',
    name: 'Name', scopes: 'Scopes', create: 'Create token', newToken: 'Token “{name}”', confirmRevoke: 'Revoke “{name}”? Integrations using it stop at once.',
    scope: {
      'events:write': 'Send events', 'live:read': 'Read live figures', 'contacts:read': 'Read contacts', 'reports:read': 'Read reports',
      'reports:export': 'Export reports', 'wfm:read': 'Read WFM plans', pii: 'See callers’ numbers',
    },
  },
  audit: {
    title: 'Audit trail', from: 'From', to: 'To', action: 'Action', actor: 'Who', target: 'What', result: 'Result', time: 'Time', ip: 'Address', detail: 'Details',
    ok: 'Succeeded', failed: 'Failed', any: 'Any',
  },
} as const
