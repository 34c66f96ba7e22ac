import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import { CHILD_EVENT_KINDS, HOUSEHOLD_EVENT_KINDS, OBLIGATION_STATUSES, type ChildEventKind, type HouseholdEventKind, type ObligationStatus } from '../../domain/deadlines/index.ts';
import { ROLES } from '../../domain/access/index.ts';
import { IsoDate, Paged, Uuid, describing } from '../responses.ts';

type S = Services['obligations'];
type Result<K extends keyof S> = S[K] extends (...args: never[]) => Promise<infer R> ? R : never;

/** One obligation arising from the records, with its status and who is responsible. */
export const Obligation = describing<Result<'close'>>()(
  z.object({
    id: z.string().meta({ description: 'The instance id: obligation, subject and sequence (not a UUID)' }),
    obligationId: z.string().meta({ description: 'The rule (GET /api/v1/obligations/rules)' }),
    title: z.string(),
    rule: z.string(),
    sourceRef: z.string().meta({ description: 'Short citation of the source' }),
    status: z.enum(Object.keys(OBLIGATION_STATUSES) as ObligationStatus[]),
    statusLabel: z.string(),
    startedOn: IsoDate.meta({ description: 'The day of what started it' }),
    dueOn: IsoDate,
    completedOn: IsoDate.nullable(),
    notApplicableReason: z.string().nullable(),
    missedReason: z.string().nullable(),
    flag: z.string().nullable().meta({ description: 'A warning beside the status, e.g. "Started without written agreement"' }),
    dueText: z.string().meta({ description: 'The due date in words: "due in 3 working days", "completed on time"…' }),
    explanation: z.string().meta({ description: 'How the due date was worked out' }),
    subjectType: z.enum(['child', 'placement', 'household']),
    subjectId: Uuid,
    child: z.object({ id: Uuid, reference: z.string(), name: z.string() }).nullable(),
    placementId: Uuid.nullable(),
    household: z.object({ id: Uuid, reference: z.string() }).nullable(),
    responsible: z.object({
      role: z.enum(ROLES),
      roleLabel: z.string(),
      userId: Uuid.nullable(),
      name: z.string().nullable(),
      teamId: Uuid.nullable(),
      teamName: z.string().nullable(),
      external: z.boolean().meta({ description: "Outside this service (another authority's social worker)" }),
    }),
    completion: z
      .discriminatedUnion('scope', [
        z.object({ scope: z.literal('child'), kind: z.enum(Object.keys(CHILD_EVENT_KINDS) as ChildEventKind[]), placementId: Uuid.nullable(), aboutChildId: Uuid.nullable() }),
        z.object({ scope: z.literal('household'), kind: z.enum(Object.keys(HOUSEHOLD_EVENT_KINDS) as HouseholdEventKind[]), placementId: Uuid.nullable() }),
      ])
      .nullable()
      .meta({ description: 'What to record to complete it, while it is open: the event kind and the fields the event must carry' }),
  }),
);

export const ObligationList = describing<Result<'listPage'>>()(
  z.object({
    items: z.array(Obligation),
    ...Paged,
    notComputed: z
      .array(z.object({ subjectType: z.enum(['child', 'household']), id: Uuid, reference: z.string(), reason: z.string() }))
      .meta({ description: 'Records whose obligations cannot be worked out, and why' }),
    today: IsoDate.meta({ description: 'The day the statuses are judged on' }),
  }),
);
