import { z } from 'zod';
import { PLANNING_KINDS, type PlanningKind } from '../domain/planning/kinds.ts';

/** Kinds appear in URLs in kebab case: /placements/:id/planning/placement-plan. */
export const kindSlug = (kind: PlanningKind) => kind.replace(/_/g, '-');

export const KIND_SLUGS = PLANNING_KINDS.map(kindSlug);

/** A planning record's kind in a URL: its slug in, the kind out (anything else is a page that does not exist). */
export const KindSlug = z
  .enum(KIND_SLUGS)
  .meta({ description: 'The record: ' + KIND_SLUGS.join(', ') })
  .transform((slug) => slug.replace(/-/g, '_'))
  .pipe(z.enum(PLANNING_KINDS));

/** A completed version's number in a URL. */
export const VersionNumber = z
  .string()
  .regex(/^[0-9]{1,6}$/)
  .meta({ description: 'Version number' })
  .transform(Number);
