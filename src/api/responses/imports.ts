import { z } from 'zod';
import type { ImportJob as ImportJobType } from '../../services/ssda903-import.ts';
import { DateTime, Int, IsoDate, Uuid, describing, type Json } from '../responses.ts';

const Counts = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, Int])) as Record<K, typeof Int>);

export const ImportReport = z.object({
  importId: Uuid,
  dryRun: z.boolean().meta({ description: 'true: what the import would do; nothing was changed' }),
  importedOn: IsoDate,
  files: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['header', 'episodes', 'uasc', 'reviews', 'missing', 'swEpisodes', 'register', 'details']),
      rows: Int,
      year: z.enum(['current', 'previous']).nullable(),
    }),
  ),
  errors: z
    .array(
      z.object({
        file: z.string(),
        line: Int,
        column: z.string().nullable(),
        message: z.string(),
        child: z.string().optional().meta({ description: 'The CHILD id the row is about' }),
        rule: z.string().optional().meta({ description: 'The DfE validation rule, where one applies' }),
      }),
    )
    .meta({ description: "Every row error: that row, and the rest of its child's record, is not imported (a children's details row only leaves the name unfilled)" }),
  children: Counts(['created', 'updated', 'unchanged', 'leftOut', 'failed', 'namesNotRecorded'] as const),
  households: Counts(['created', 'updated', 'unchanged'] as const),
  socialWorkers: Counts(['matched', 'created'] as const),
  placements: Counts(['created', 'linkedToRegister', 'householdNotKnown'] as const),
  changes: z.array(
    z.object({
      reference: z.string().meta({ description: 'CHILD' }),
      outcome: z.enum(['created', 'updated', 'unchanged', 'failed']),
      changes: z.array(z.string()),
      nameNotRecorded: z.boolean().optional().meta({ description: 'The child is (or will be) named "Child" and their CHILD id until their name is recorded' }),
    }),
  ),
  durationMs: Int,
});

export const ImportJob = describing<Json<ImportJobType>>()(
  z.object({
    id: Uuid,
    uploadId: Uuid.meta({ description: 'The files kept: POST /imports/{uploadId}/import imports them after their dry run' }),
    dryRun: z.boolean(),
    status: z.enum(['running', 'done', 'failed', 'interrupted']),
    done: Int.meta({ description: 'Children checked or imported so far' }),
    total: Int.meta({ description: 'Children in the files (0 while they are read)' }),
    report: ImportReport.nullable().meta({ description: 'Once done: what was (or would be) done' }),
    error: z.string().nullable(),
    startedAt: DateTime,
  }),
);
