import type { Role } from '../domain/access/index.ts';

/** Demo sign-ins, one for each role. Refused when NODE_ENV=production. Listed in the README. */
export const DEMO_PASSWORD = 'hearth-demo-2026';

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; team: string }[] = [
  { email: 'placements@demo.hearth.test', name: 'Priya Osei', role: 'placement_officer', team: 'Referral Response Team' },
  { email: 'socialworker@demo.hearth.test', name: 'Tom Ridley', role: 'social_worker', team: "Children in Care Team 1" },
  { email: 'ssw@demo.hearth.test', name: 'Grace Whitfield', role: 'supervising_social_worker', team: 'Fostering Support Team' },
  { email: 'manager@demo.hearth.test', name: 'Daniel Achebe', role: 'team_manager', team: "Children in Care Team 1" },
  { email: 'head@demo.hearth.test', name: 'Helen Marsh', role: 'head_of_service', team: 'Service Management' },
  { email: 'iro@demo.hearth.test', name: 'Ruth Calloway', role: 'iro', team: 'Independent Reviewing Service' },
  { email: 'admin@demo.hearth.test', name: 'Sam Kowalski', role: 'administrator', team: 'Business Support' },
];
