/**
 * The SSDA903 placement type of a foster placement, worked out from what Hearth knows instead of
 * preset: whether the carers are the child's relative, friend or other connected person, and the
 * kind of placement (long-term; fostering for adoption or concurrent planning; anything else).
 *
 * | carers | long-term | fostering for adoption | otherwise |
 * |---|---|---|---|
 * | relative, friend or other connected person | U1 | U2 | U3 |
 * | other foster carer | U4 | U5 | U6 |
 *
 * In-house or agency carers do not change the type: that is the placement provider (PR1, PR4, PR5),
 * which the return takes from the household's fostering service. Source: DfE, Children looked after
 * return (SSDA903) guide, PLACE codes.
 */
import type { PlacementKind } from '../records/household.ts';
import { withMeaning } from '../ssda903/meanings.ts';

export type FosterPlacementType = 'U1' | 'U2' | 'U3' | 'U4' | 'U5' | 'U6';

/** Plain English for each foster placement type, as the confirmation page and the form explain them. */
export const FOSTER_PLACEMENT_TYPE_HELP: Record<FosterPlacementType, string> = {
  U1: 'The carers are a relative, friend or other connected person of the child, and the placement is long-term.',
  U2: 'The carers are a relative, friend or other connected person who are also approved adopters: fostering for adoption or concurrent planning.',
  U3: 'The carers are a relative, friend or other connected person; the placement is not long-term, fostering for adoption or concurrent planning.',
  U4: 'The carers are not connected to the child (mainstream foster carers), and the placement is long-term.',
  U5: 'The carers are not connected to the child and are also approved adopters: fostering for adoption or concurrent planning.',
  U6: 'The carers are not connected to the child; the placement is not long-term, fostering for adoption or concurrent planning (short-term, emergency, parent and child, short breaks).',
};

/**
 * The type, or null when it cannot be worked out (the kind of placement or whether the carers are
 * connected to the child is not known): then the person recording the placement chooses.
 */
export function derivePlacementType(f: { kind: PlacementKind | null; connectedPerson: boolean | null }): FosterPlacementType | null {
  if (f.kind === null || f.connectedPerson === null) return null;
  const column = f.kind === 'long_term' ? 0 : f.kind === 'fostering_for_adoption' || f.kind === 'concurrent_planning' ? 1 : 2;
  const row = f.connectedPerson ? (['U1', 'U2', 'U3'] as const) : (['U4', 'U5', 'U6'] as const);
  return row[column];
}

/** The foster placement types a kind of placement allows: [connected person, other foster carer]. */
export function fosterTypesFor(kind: PlacementKind): readonly [FosterPlacementType, FosterPlacementType] {
  return [derivePlacementType({ kind, connectedPerson: true })!, derivePlacementType({ kind, connectedPerson: false })!];
}

export const isFosterPlacementType = (code: string): code is FosterPlacementType => Object.hasOwn(FOSTER_PLACEMENT_TYPE_HELP, code);

/** "U6: Foster placement with other foster carer: not long-term or Fostering for Adoption (FfA)" (ssda903/meanings.ts). */
export const placementTypeLabel = (code: string): string => withMeaning('placementType', code);
