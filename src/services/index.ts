import { inOneTransaction, type Database } from '../data/db.ts';
import { createSessionStore } from '../data/session-store.ts';
import { createRateLimitStore } from '../data/rate-limit-store.ts';
import { can, type Permission } from '../domain/access/index.ts';
import type { Actor } from './context.ts';
import { createAuthService } from './auth.ts';
import { createOidcRelyingParty } from './oidc.ts';
import { createAuditService } from './audit.ts';
import { createOrganisationService } from './organisations.ts';
import { createChildService } from './children.ts';
import { createUserService } from './users.ts';
import { createContactService } from './contacts.ts';
import { createHouseholdService } from './households.ts';
import { createPlacementService } from './placements.ts';
import { createObligationService } from './obligations.ts';
import { createMatchingService } from './matching.ts';
import { createPlacementRequestService } from './placement-requests.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { MailConfig, OidcConfig } from '../config.ts';
import { createEmailService } from './email.ts';
import { createDocumentService } from './documents.ts';
import { createProposalService } from './proposals.ts';
import { createReturnService } from './ssda903.ts';
import { createPlanningService } from './planning.ts';
import { createStabilityService } from './stability.ts';
import { createParentAndChildReviewService } from './parent-and-child-reviews.ts';
import { createEarlyPermanenceService } from './early-permanence.ts';
import { createParentAndChildService } from './parent-and-child.ts';
import { createWorkService } from './work.ts';
import { createMoveService } from './moves.ts';
import { createPanelService } from './stability-panel.ts';
import { createImportService } from './ssda903-import.ts';
import { createStabilityFiguresService } from './stability-figures.ts';
import { createMoneyService } from './money.ts';
import { createSufficiencyService } from './sufficiency.ts';
import { createConcurrentPlanningService } from './concurrent-planning.ts';
import { createAccessService } from './access.ts';

/** `today` fixes the date the obligations are judged on (tests); by default, today in England. */
export type ServiceOptions = {
  allowDemoAccounts: boolean;
  today?: () => IsoDate;
  mail?: MailConfig;
  publicUrl?: string;
  apiTokenDays?: number;
  /** Seals TOTP secrets at rest: the session secret. */
  secretKey?: string;
  /** Single sign-on, when configured. */
  oidc?: OidcConfig | null;
  /** ADMIN_TWO_FACTOR (required unless given). */
  adminTwoFactor?: 'required' | 'optional';
  /** The time now in milliseconds, for TOTP codes (tests fix it). */
  clock?: () => number;
};

/** The composition root for use cases: plain functions over one database. */
export function createServices(database: Database, opts: ServiceOptions) {
  const db = database.db;
  const email = createEmailService(db, opts.mail);
  return {
    ping: () => database.ping(),
    /** Runs a page's service calls in one transaction, its audit rows checked and appended once at the end (ADR 0017). */
    inOneTransaction: <T>(fn: () => Promise<T>): Promise<T> => inOneTransaction(db, fn),
    /** Where the web layer keeps sessions and counts sign-in attempts (one store per app): the same database. */
    sessionStore: () => createSessionStore(db),
    rateLimitStore: () => createRateLimitStore(db),
    can: (actor: Actor, permission: Permission) => can(actor.role, permission),
    auth: createAuthService(db, {
      ...opts,
      twoFactor: { singleSignOn: Boolean(opts.oidc), adminTwoFactor: opts.adminTwoFactor ?? 'required' },
      oidcMatchClaim: opts.oidc?.matchClaim,
    }),
    /** The OpenID Connect relying party, when single sign-on is configured. */
    oidc: opts.oidc ? createOidcRelyingParty(opts.oidc) : null,
    audit: createAuditService(db),
    /** Caseload access: what a person may do with a child or household, restrictions, breaking the glass. */
    access: createAccessService(db, { mailer: email }),
    organisations: createOrganisationService(db),
    children: createChildService(db, opts.today ? { today: opts.today } : {}),
    users: createUserService(db),
    contacts: createContactService(db),
    households: createHouseholdService(db),
    placements: createPlacementService(db, opts.today ? { today: opts.today } : {}),
    obligations: createObligationService(db, opts.today ? { today: opts.today } : {}),
    matching: createMatchingService(db, opts.today ? { today: opts.today } : {}),
    email,
    documents: createDocumentService(db),
    requests: createPlacementRequestService(db, { ...(opts.today ? { today: opts.today } : {}), publicUrl: opts.publicUrl ?? 'http://localhost:3000', mailer: email }),
    returns: createReturnService(db, opts.today ? { today: opts.today } : {}),
    imports: createImportService(db, opts.today ? { today: opts.today } : {}),
    planning: createPlanningService(db, opts.today ? { today: opts.today } : {}),
    stability: createStabilityService(db, opts.today ? { today: opts.today } : {}),
    stabilityFigures: createStabilityFiguresService(db, opts.today ? { today: opts.today } : {}),
    concurrentPlanning: createConcurrentPlanningService(db, opts.today ? { today: opts.today } : {}),
    parentAndChildReviews: createParentAndChildReviewService(db, opts.today ? { today: opts.today } : {}),
    earlyPermanence: createEarlyPermanenceService(db, opts.today ? { today: opts.today } : {}),
    parentAndChild: createParentAndChildService(db, opts.today ? { today: opts.today } : {}),
    work: createWorkService(db, opts.today ? { today: opts.today } : {}),
    moves: createMoveService(db, opts.today ? { today: opts.today } : {}),
    panel: createPanelService(db, { ...(opts.today ? { today: opts.today } : {}), mailer: email, publicUrl: opts.publicUrl ?? 'http://localhost:3000' }),
    money: createMoneyService(db, opts.today ? { today: opts.today } : {}),
    sufficiency: createSufficiencyService(db, opts.today ? { today: opts.today } : {}),
    proposals: createProposalService(db, { ...(opts.today ? { today: opts.today } : {}), publicUrl: opts.publicUrl ?? 'http://localhost:3000', mailer: email }),
  };
}

export type Services = ReturnType<typeof createServices>;
