/** Every URL in one place: routes, redirects, templates and tests use these, never literals. */
const withId = (base: string) => ({
  list: base,
  new: `${base}/new`,
  show: (id = ':id') => `${base}/${id}`,
  edit: (id = ':id') => `${base}/${id}/edit`,
});

export const paths = {
  home: '/',
  signIn: '/sign-in',
  signOut: '/sign-out',
  accessibility: '/accessibility',
  organisations: withId('/organisations'),
  users: withId('/staff'),
  children: {
    ...withId('/children'),
    legalStatus: (id = ':id') => `/children/${id}/legal-status`,
    endLegalStatus: (id = ':id', statusId = ':statusId') => `/children/${id}/legal-status/${statusId}/end`,
    siblings: (id = ':id') => `/children/${id}/siblings`,
    audit: (id = ':id') => `/children/${id}/audit`,
  },
  households: {
    ...withId('/households'),
    members: (id = ':id') => `/households/${id}/members`,
    removeMember: (id = ':id', memberId = ':memberId') => `/households/${id}/members/${memberId}/remove`,
    exemptions: (id = ':id') => `/households/${id}/exemptions`,
  },
  placements: withId('/placements'),
  obligations: {
    myWork: '/my-work',
    dashboard: '/obligations/dashboard',
    dashboardCsv: '/obligations/dashboard.csv',
    recordEvent: (childId = ':id') => `/children/${childId}/events`,
    correctEvent: (childId = ':id', eventId = ':eventId') => `/children/${childId}/events/${eventId}/correct`,
    rule: (obligationId = ':obligationId') => `/rules/${obligationId}`,
  },
  contacts: withId('/contacts'),
  audit: { subject: (type = ':type', id = ':id') => `/audit/${type}/${id}` },
  calendar: { workingDays: '/calendar/working-days' },
  tokens: { list: '/admin/tokens', revoke: (id = ':id') => `/admin/tokens/${id}/revoke` },
  health: { live: '/health/live', ready: '/health/ready' },
  api: {
    root: '/api/v1',
    openapi: '/api/v1/openapi.json',
    docs: '/api/v1/docs',
    workingDays: '/api/v1/calendar/working-days',
  },
} as const;
