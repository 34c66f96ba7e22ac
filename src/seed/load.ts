import type { Db } from '../data/db.ts';
import { appUser, organisation, team } from '../data/schema.ts';
import { hashPassword } from '../services/auth.ts';
import { writeAudit } from '../audit/writer.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';

export type SeedOptions = { children: number; today: string; seed?: number };
export type SeedSummary = { children: number; households: number; placements: number; users: number };

/**
 * Loads a synthetic local authority in one transaction. Every name, date and postcode is generated;
 * none belongs to a real person.
 */
export async function loadDemoData(db: Db, _opts: SeedOptions): Promise<SeedSummary> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [la] = await tx.insert(organisation).values({ kind: 'local_authority', name: 'Northbridge City Council', laCode: '990' }).returning();
    if (!la) throw new Error('seed failed');
    const teams = new Map<string, string>();
    for (const name of new Set(DEMO_ACCOUNTS.map((a) => a.team))) {
      const [t] = await tx.insert(team).values({ organisationId: la.id, name }).returning();
      if (t) teams.set(name, t.id);
    }
    let managerId: string | null = null;
    for (const a of [...DEMO_ACCOUNTS].sort((x) => (x.role === 'head_of_service' ? -1 : 0))) {
      const [u]: { id: string }[] = await tx
        .insert(appUser)
        .values({ organisationId: la.id, teamId: teams.get(a.team) ?? null, lineManagerId: managerId, email: a.email, fullName: a.name, role: a.role, passwordHash, isDemo: true })
        .returning();
      if (a.role === 'head_of_service' && u) managerId = u.id;
    }
    await writeAudit(tx, { actor: null }, { action: 'seed.loaded', subjectType: 'system', details: { children: 0 } });
    return { children: 0, households: 0, placements: 0, users: DEMO_ACCOUNTS.length };
  });
}
