import type { VacancyFilter } from '../../services/matching.ts';
import { PLACEMENT_KINDS, type PlacementKind } from '../../domain/records/household.ts';
import type { FieldError } from '../../services/errors.ts';
import { queryString } from '../../http/query.ts';

/** The register's filters from the query string; a bad number is an error, not silently ignored. */
export function vacancyFilterFrom(query: unknown): { filter: VacancyFilter; errors: FieldError[]; values: Record<string, unknown> } {
  const errors: FieldError[] = [];
  const kind = queryString(query, 'placementKind');
  const age = queryString(query, 'age');
  const minPlaces = queryString(query, 'minPlaces');
  const includeFullRaw = (query as Record<string, unknown> | undefined)?.includeFull;
  const includeFull = includeFullRaw === 'true' || (Array.isArray(includeFullRaw) && includeFullRaw.includes('true'));
  const whole = (v: string | undefined, field: string, min: number, max: number, message: string) => {
    if (v === undefined) return undefined;
    if (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max) return Number(v);
    errors.push({ field, message });
    return undefined;
  };
  const filter: VacancyFilter = {
    placementKind: kind && kind in PLACEMENT_KINDS ? (kind as PlacementKind) : undefined,
    age: whole(age, 'age', 0, 25, "Enter the child's age as a whole number from 0 to 25"),
    minPlaces: whole(minPlaces, 'minPlaces', 1, 10, 'Enter the number of places as a whole number from 1 to 10'),
    includeFull,
  };
  return { filter, errors, values: { placementKind: kind, age, minPlaces, includeFull: includeFull ? ['true'] : [] } };
}
