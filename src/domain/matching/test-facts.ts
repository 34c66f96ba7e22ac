/** Factories for the matching tests: a plain approved household and a plain request, changed by overrides. */
import type { HouseholdPlacement, MatchChild, MatchContext, MatchHousehold, MatchRequest } from './types.ts';
import { DEMO_CENTROIDS } from './postcodes.ts';

export const TODAY = '2025-03-03';

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${String(++seq).padStart(4, '0')}`;

export function aChild(overrides: Partial<MatchChild> = {}): MatchChild {
  return { id: nextId('child'), firstName: 'Sam', dateOfBirth: '2015-06-01', sex: 'M', homePostcode: null, ...overrides };
}

export function aRequest(overrides: Partial<MatchRequest> = {}): MatchRequest {
  return { kind: 'short_term', neededBy: TODAY, child: aChild(), siblings: [], needs: {}, ...overrides };
}

export function aHousehold(overrides: Partial<MatchHousehold> = {}): MatchHousehold {
  return {
    id: nextId('household'),
    reference: 'H00001',
    approvalStatus: 'approved',
    approvedChildren: 3,
    ageMin: 0,
    ageMax: 17,
    placementKinds: ['emergency', 'short_term', 'long_term'],
    skillLevel: 3,
    postcode: 'BS37 5TA',
    languages: ['English'],
    faith: null,
    experience: [],
    preferences: [],
    pets: false,
    accessibleHome: false,
    placements: [],
    exemptions: [],
    residents: [],
    ...overrides,
  };
}

/** An active placement of a child born on `dateOfBirth`, started a year before TODAY. */
export function placed(overrides: Partial<HouseholdPlacement> = {}): HouseholdPlacement {
  return { childId: nextId('placed'), status: 'active', startDate: '2024-03-01', endDate: null, dateOfBirth: '2014-01-01', ...overrides };
}

export function context(overrides: Partial<MatchContext> = {}): MatchContext {
  return { today: TODAY, siblingLinks: [], centroids: DEMO_CENTROIDS, ...overrides };
}
