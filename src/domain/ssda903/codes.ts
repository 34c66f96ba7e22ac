/**
 * SSDA903 (children looked after return) code lists used on records.
 * Source: the DfE's SSDA903 guides for the collection years 2022-23 to 2025-26.
 */

export const SEX_CODES = { M: 'Male', F: 'Female', U: 'Unknown / indeterminate' } as const;
export type SexCode = keyof typeof SEX_CODES;

export const ETHNICITY_CODES = {
  WBRI: 'White British',
  WIRI: 'White Irish',
  WOTH: 'Any other White background',
  WIRT: 'Traveller of Irish heritage',
  WROM: 'Gypsy / Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Caribbean',
  BAFR: 'African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
} as const;
export type EthnicityCode = keyof typeof ETHNICITY_CODES;

export const CATEGORY_OF_NEED = {
  N1: 'Abuse or neglect',
  N2: "Child's disability",
  N3: 'Parental illness or disability',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
} as const;
export type CategoryOfNeed = keyof typeof CATEGORY_OF_NEED;

export const LEGAL_STATUS = {
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order granted',
  E1: 'Placement order granted',
  J1: 'Remanded to local authority or youth detention accommodation',
  J2: 'In local authority accommodation under PACE 1984',
  J3: 'Youth Rehabilitation Order with residence or intensive fostering requirement',
  L1: 'Police protection',
  L2: 'Emergency protection order',
  L3: 'Child assessment order',
  V2: 'Single period of accommodation under section 20',
  V3: 'Short breaks, recorded as individual episodes',
  V4: 'Short breaks, recorded as agreements',
} as const;
export type LegalStatusCode = keyof typeof LEGAL_STATUS;

/** Placement types for a foster household (the U codes) and the other PLACE codes. */
export const PLACEMENT_TYPES = {
  U1: 'Foster placement with relative or friend: long-term',
  U2: 'Foster placement with relative or friend who is also an approved adopter (FfA or concurrent)',
  U3: 'Foster placement with relative or friend: not long-term or FfA',
  U4: 'Foster placement with other foster carer: long-term',
  U5: 'Foster placement with other foster carer who is also an approved adopter (FfA or concurrent)',
  U6: 'Foster placement with other foster carer: not long-term or FfA',
  A3: 'Placed for adoption with consent with current foster carer',
  A5: 'Placed for adoption under a placement order with current foster carer',
  R3: 'Family centre or mother and baby unit',
  T0: 'Temporary move',
  T1: 'Temporary period in hospital',
  T2: 'Temporary absence on holiday',
  T3: "Temporary care while the usual foster carer is on holiday",
  T4: 'Temporary care of 7 days or less, any other reason',
} as const;
export type PlacementTypeCode = keyof typeof PLACEMENT_TYPES;

/** UPN: 13 characters (a letter, 11 digits, a letter or digit) or one of the UN codes. */
export const UPN_UNKNOWN_CODES = {
  UN1: 'Not of school age',
  UN2: 'Never attended school',
  UN3: 'Educated outside England',
  UN4: 'Newly looked after, UPN not yet obtained',
  UN5: 'Sources disagree',
} as const;

export function isValidUpn(value: string): boolean {
  return /^[A-Z][0-9]{11}[0-9A-Z]$/.test(value) || value in UPN_UNKNOWN_CODES;
}

export const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
