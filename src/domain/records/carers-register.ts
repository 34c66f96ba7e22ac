/**
 * The carers' register an authority brings to Hearth: a CSV file, one row per foster household
 * (template and meaning of each column: docs/carers-register.md). Pure: text in, households and row
 * errors out. Each row is checked by the same rules as the household form (HouseholdInput), so a
 * household imported cannot be one the form would refuse.
 *
 * Matching placements to households: see `matchHousehold`.
 */
import { parse } from 'csv-parse/sync';
import type { IsoDate } from '../dates.ts';
import { PLACE_PROVIDER_CODES } from '../ssda903/return-codes.ts';
import { isoFromDfeDate, type RowError } from '../ssda903/read.ts';
import { HouseholdInput, TERMS_KINDS, isEarlyPermanenceKind, type PlacementKind } from './household.ts';

/** The columns of the template, in order; the first nine are required in every row. */
export const REGISTER_COLUMNS = [
  'HOUSEHOLD_REF',
  'CARER1_FIRST_NAME',
  'CARER1_LAST_NAME',
  'ADDRESS_LINE1',
  'TOWN',
  'POSTCODE',
  'APPROVAL_STATUS',
  'SKILL_LEVEL',
  'APPROVED_CHILDREN',
  'CARER2_FIRST_NAME',
  'CARER2_LAST_NAME',
  'ADDRESS_LINE2',
  'APPROVAL_DATE',
  'PLACEMENT_KINDS',
  'AGE_MIN',
  'AGE_MAX',
  'PROVIDER',
  'FOSTERING_SERVICE',
  'URN',
  'LA_CODE',
] as const;
const REQUIRED = REGISTER_COLUMNS.slice(0, 9);

/** Where the form's field names are the register's columns. */
const COLUMN_OF: Record<string, string> = {
  carer1FirstName: 'CARER1_FIRST_NAME',
  carer1LastName: 'CARER1_LAST_NAME',
  carer2FirstName: 'CARER2_FIRST_NAME',
  carer2LastName: 'CARER2_LAST_NAME',
  addressLine1: 'ADDRESS_LINE1',
  addressLine2: 'ADDRESS_LINE2',
  town: 'TOWN',
  postcode: 'POSTCODE',
  approvalStatus: 'APPROVAL_STATUS',
  approvalDate: 'APPROVAL_DATE',
  approvedChildren: 'APPROVED_CHILDREN',
  ageMin: 'AGE_MIN',
  ageMax: 'AGE_MAX',
  placementKinds: 'PLACEMENT_KINDS',
  skillLevel: 'SKILL_LEVEL',
};

export type RegisterHousehold = {
  reference: string;
  line: number;
  carers: { firstName: string; lastName: string }[];
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string;
  approvalStatus: HouseholdInput['approvalStatus'];
  approvalDate: IsoDate | null;
  approvedChildren: number;
  ageMin: number;
  ageMax: number;
  placementKinds: PlacementKind[];
  skillLevel: number;
  /** PLACE_PROVIDER for placements with these carers: PR1 the authority's own, PR2 another authority, PR3–PR5 others. */
  provider: string;
  /** The fostering service's name when it is not the authority's own (blank for PR1). */
  fosteringService: string | null;
  /** The fostering service's Ofsted URN, when known. */
  urn: string | null;
  /** For PR2 (another local authority's carers): that authority's DfE LA code. */
  laCode: string | null;
};

const NIL_UUID = '00000000-0000-4000-8000-000000000000';

/** Reads the carers' register. Rows in error give no household; every error names the line and column. */
export function readCarersRegister(file: { name: string; content: string }): { households: RegisterHousehold[]; errors: RowError[] } {
  const errors: RowError[] = [];
  let table: string[][];
  try {
    table = parse(file.content, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (err) {
    return { households: [], errors: [{ file: file.name, line: 1, column: null, message: `The file cannot be read as CSV: ${(err as Error).message}` }] };
  }
  const [head, ...body] = table;
  const columns = (head ?? []).map((c) => c.trim().toUpperCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) {
    return { households: [], errors: [{ file: file.name, line: 1, column: null, message: `Not the carers' register template: the columns ${missing.join(', ')} are missing (docs/carers-register.md)` }] };
  }
  const households: RegisterHousehold[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, i) => {
    const line = i + 2;
    const get = (c: string) => (cells[columns.indexOf(c)] ?? '').trim();
    const fail = (column: string, message: string) => errors.push({ file: file.name, line, column, message });
    const before = errors.length;
    const reference = get('HOUSEHOLD_REF').toUpperCase();
    if (!reference) fail('HOUSEHOLD_REF', 'HOUSEHOLD_REF is blank: every household needs its reference');
    else if (seen.has(reference)) fail('HOUSEHOLD_REF', `${reference} is also on line ${seen.get(reference)}: give each household once`);
    else seen.set(reference, line);
    const dateText = get('APPROVAL_DATE');
    const approvalDate = dateText ? isoFromDfeDate(dateText) : null;
    if (dateText && !approvalDate) fail('APPROVAL_DATE', `APPROVAL_DATE "${dateText}" is not a real date written dd/mm/yyyy`);
    const kinds = get('PLACEMENT_KINDS')
      .split(/[;,|]/)
      .map((k) => k.trim().toLowerCase().replace(/[\s-]+/g, '_'))
      .filter(Boolean);
    for (const k of kinds) {
      if (isEarlyPermanenceKind(k)) fail('PLACEMENT_KINDS', `"${k}" is not on the terms of approval: dual approval follows from an adoption approval, recorded on the household once it is imported`);
      else if (!Object.hasOwn(TERMS_KINDS, k)) fail('PLACEMENT_KINDS', `"${k}" is not a kind of placement: use ${Object.keys(TERMS_KINDS).join(', ')}`);
    }
    const provider = (get('PROVIDER') || 'PR1').toUpperCase();
    if (!Object.hasOwn(PLACE_PROVIDER_CODES, provider) || provider === 'PR0') fail('PROVIDER', `PROVIDER "${provider}" is not a PLACE_PROVIDER code for foster carers (PR1 to PR5)`);
    const fosteringService = get('FOSTERING_SERVICE') || null;
    if (provider !== 'PR1' && !fosteringService) fail('FOSTERING_SERVICE', 'FOSTERING_SERVICE is blank: name the fostering service that approved these carers (PROVIDER is not PR1, the authority’s own)');
    const laCode = get('LA_CODE') || null;
    if (laCode !== null && !/^\d{3}$/.test(laCode)) fail('LA_CODE', `LA_CODE "${laCode}" is not a DfE local authority code (three digits)`);
    if (provider === 'PR2' && laCode === null) fail('LA_CODE', 'LA_CODE is blank: give the DfE code of the local authority that approved these carers (PROVIDER PR2)');
    const parsed = HouseholdInput.safeParse({
      carer1FirstName: get('CARER1_FIRST_NAME'),
      carer1LastName: get('CARER1_LAST_NAME'),
      carer2FirstName: get('CARER2_FIRST_NAME'),
      carer2LastName: get('CARER2_LAST_NAME'),
      addressLine1: get('ADDRESS_LINE1'),
      addressLine2: get('ADDRESS_LINE2'),
      town: get('TOWN'),
      postcode: get('POSTCODE'),
      fosteringServiceId: NIL_UUID,
      approvalStatus: get('APPROVAL_STATUS').toLowerCase().replace(/[\s-]+/g, '_'),
      approvalDate: approvalDate ?? '',
      approvedChildren: get('APPROVED_CHILDREN'),
      ageMin: get('AGE_MIN') || '0',
      ageMax: get('AGE_MAX') || '17',
      placementKinds: kinds.filter((k) => Object.hasOwn(TERMS_KINDS, k)) as PlacementKind[],
      skillLevel: get('SKILL_LEVEL'),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const column = COLUMN_OF[field] ?? field;
        if (column === 'APPROVAL_DATE' && dateText && !approvalDate) continue; // already reported
        fail(column, `${column}: ${issue.message}`);
      }
    }
    if (errors.length > before || !parsed.success) return;
    const v = parsed.data;
    households.push({
      reference,
      line,
      carers: [
        { firstName: v.carer1FirstName, lastName: v.carer1LastName },
        ...(v.carer2FirstName && v.carer2LastName ? [{ firstName: v.carer2FirstName, lastName: v.carer2LastName }] : []),
      ],
      addressLine1: v.addressLine1,
      addressLine2: v.addressLine2,
      town: v.town,
      postcode: v.postcode,
      approvalStatus: v.approvalStatus,
      approvalDate: v.approvalDate,
      approvedChildren: v.approvedChildren,
      ageMin: v.ageMin,
      ageMax: v.ageMax,
      placementKinds: v.placementKinds,
      skillLevel: v.skillLevel,
      provider,
      fosteringService: provider === 'PR1' ? null : fosteringService,
      urn: get('URN') || null,
      laCode: provider === 'PR2' ? laCode : null,
    });
  });
  return { households, errors };
}

/** A postcode compared without spaces or case. */
export const postcodeKey = (p: string | null | undefined): string => (p ?? '').replace(/\s+/g, '').toUpperCase();

export type MatchableHousehold = { id: string; postcode: string; provider: string | null; urn: string | null };

/** Households by postcode (postcodeKey), for matching many groups of placements to them (an import's thousands). */
export type HouseholdsByPostcode = ReadonlyMap<string, readonly MatchableHousehold[]>;

export function householdsByPostcode(households: readonly MatchableHousehold[]): HouseholdsByPostcode {
  const out = new Map<string, MatchableHousehold[]>();
  for (const h of households) {
    const key = postcodeKey(h.postcode);
    const list = out.get(key);
    if (list) list.push(h);
    else out.set(key, [h]);
  }
  return out;
}

/**
 * The household the carers of some imported placements were: the only one at the placements'
 * postcode (PL_POST) whose provider code and URN agree with theirs where both are known. Null when
 * there is none or more than one: the placements are then kept with a household not known, for a
 * person to link. Every placement of the group must point to the same household.
 */
export function matchHousehold(
  placements: readonly { postcode: string | null; provider: string | null; urn: string | null }[],
  households: readonly MatchableHousehold[] | HouseholdsByPostcode,
): string | null {
  const byPostcode: HouseholdsByPostcode = households instanceof Map ? households : householdsByPostcode(households as readonly MatchableHousehold[]);
  let found: string | null = null;
  for (const p of placements) {
    const key = postcodeKey(p.postcode);
    if (!key) return null;
    const candidates = (byPostcode.get(key) ?? []).filter((h: MatchableHousehold) => (!p.provider || !h.provider || h.provider === p.provider) && (!p.urn || !h.urn || h.urn === p.urn));
    if (candidates.length !== 1) return null;
    const id = (candidates[0] as MatchableHousehold).id;
    if (found !== null && found !== id) return null;
    found = id;
  }
  return found;
}
