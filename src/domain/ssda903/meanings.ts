/**
 * What a code means, in one place, for every page that shows one: the SSDA903 code lists (placement
 * types like U4, legal statuses, reasons a placement or a period of care ended, review participation,
 * category of need, why the social worker changed, missing or away) and the abbreviations used beside
 * them (FfA, SW_ID). A page shows a code with its meaning ("U4: Foster placement with other foster
 * carer: long-term"), never alone. Source: the DfE's SSDA903 guides, 2022-23 to 2025-26.
 */
import { CATEGORY_OF_NEED, LEGAL_STATUS, PLACEMENT_TYPES } from './codes.ts';
import { LS_ADOPTR_CODES, MISSING_CODES, PLACE_CODES, REASON_PLACE_CHANGE_CODES, REC_CODES, REVIEW_CODES, SEX_ADOPTR_CODES, SW_REASON_CODES, type CodeList } from './return-codes.ts';

const labels = (list: CodeList): Readonly<Record<string, string>> => Object.fromEntries(Object.entries(list).map(([k, v]) => [k, v.label]));

/** The code lists, by what the code says. */
export const CODE_MEANINGS = {
  placementType: { ...labels(PLACE_CODES), ...PLACEMENT_TYPES } as Readonly<Record<string, string>>,
  legalStatus: LEGAL_STATUS as Readonly<Record<string, string>>,
  categoryOfNeed: CATEGORY_OF_NEED as Readonly<Record<string, string>>,
  reasonPlacementEnded: labels(REASON_PLACE_CHANGE_CODES),
  reasonCareEnded: labels(REC_CODES),
  participation: labels(REVIEW_CODES),
  socialWorkerChange: labels(SW_REASON_CODES),
  missing: labels(MISSING_CODES),
  adoptersSex: labels(SEX_ADOPTR_CODES),
  adoptersLegalStatus: labels(LS_ADOPTR_CODES),
} as const;
export type CodeKind = keyof typeof CODE_MEANINGS;

/** Abbreviations and return field names shown on pages, spelled out. */
export const TERMS: Readonly<Record<string, string>> = {
  FfA: 'Fostering for Adoption',
  SW_ID: "The social worker's identifier in the SSDA903 return",
  SSDA903: 'The children looked after return to the Department for Education',
  UPN: 'Unique pupil number',
  URN: "Ofsted's unique reference number for the provider",
  IRO: 'Independent reviewing officer',
};

/** What `code` means in the list `kind`, or null if it is not in it. */
export function codeMeaning(kind: CodeKind, code: string | null | undefined): string | null {
  if (!code) return null;
  const list = CODE_MEANINGS[kind];
  return Object.hasOwn(list, code) ? list[code]! : null;
}

/** "U4: Foster placement with other foster carer: long-term"; the code alone if it is not known; '' for none. */
export function withMeaning(kind: CodeKind, code: string | null | undefined): string {
  if (!code) return '';
  const meaning = codeMeaning(kind, code);
  return meaning ? `${code}: ${spellOut(meaning)}` : code;
}

/** Spells out the abbreviation FfA where a meaning uses it: "not long-term or Fostering for Adoption (FfA)". */
export function spellOut(text: string): string {
  return text.replace(/\bFfA\b/g, `${TERMS.FfA} (FfA)`);
}
