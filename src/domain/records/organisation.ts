import { z } from 'zod';
import { oneOf, optionalText, text } from './fields.ts';

/**
 * A Virtual School is the local authority's service for the education of the children it looks after;
 * it is consulted on any placement move (Placement stability guidance, "Early and robust escalation
 * processes…"). Its people are contacts (external contacts) of the organisation.
 */
export const ORGANISATION_KINDS = {
  local_authority: 'Local authority',
  fostering_agency: 'Independent fostering agency',
  virtual_school: 'Virtual School',
  adoption_agency: 'Adoption agency (voluntary or regional)',
} as const;
/** The kinds' codes, in order. */
export const ORGANISATION_KIND_CODES = ['local_authority', 'fostering_agency', 'virtual_school', 'adoption_agency'] as const satisfies readonly (keyof typeof ORGANISATION_KINDS)[];
export type OrganisationKind = keyof typeof ORGANISATION_KINDS;

/** The SSDA903 placement provider of an independent fostering agency's placements (rules.md §3.9). */
export const AGENCY_PROVIDER_CODES = { PR4: 'Private provision', PR5: 'Voluntary or third sector provision' } as const;
export type AgencyProviderCode = keyof typeof AGENCY_PROVIDER_CODES;
const AGENCY_PROVIDER_CODE_LIST = Object.keys(AGENCY_PROVIDER_CODES) as [AgencyProviderCode, ...AgencyProviderCode[]];

/**
 * An organisation: a local authority (with its DfE three-digit LA code) or an independent
 * fostering agency (which has no LA code).
 */
export const OrganisationInput = z
  .object({
    kind: oneOf(ORGANISATION_KIND_CODES, 'the kind of organisation'),
    name: text('the name'),
    laCode: optionalText('the LA code', 3),
    ofstedUrn: optionalText('the Ofsted URN', 20),
    /** SSDA903 PLACE_PROVIDER for placements with an agency's carers: PR4 private, PR5 voluntary. */
    providerCode: z
      .union([z.enum(AGENCY_PROVIDER_CODE_LIST), z.literal(''), z.null()], { error: 'Select whether the agency is private (PR4) or voluntary (PR5)' })
      .optional()
      .transform((v) => (v === undefined || v === null || v === '' ? null : v)),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'local_authority') {
      if (!v.laCode) ctx.addIssue({ code: 'custom', path: ['laCode'], message: 'Enter the DfE LA code' });
      else if (!/^[0-9]{3}$/.test(v.laCode)) ctx.addIssue({ code: 'custom', path: ['laCode'], message: 'The LA code must be 3 digits, like 202' });
      if (v.providerCode) ctx.addIssue({ code: 'custom', path: ['providerCode'], message: 'Only a fostering agency has a provider code: leave it blank for a local authority' });
    } else if (v.laCode) {
      ctx.addIssue({ code: 'custom', path: ['laCode'], message: 'Only a local authority has an LA code' });
    }
    if (v.kind === 'virtual_school' && v.providerCode) ctx.addIssue({ code: 'custom', path: ['providerCode'], message: 'Only a fostering agency has a provider code: leave it blank for a Virtual School' });
    if (v.kind === 'adoption_agency' && v.providerCode) ctx.addIssue({ code: 'custom', path: ['providerCode'], message: 'Only a fostering agency has a provider code: leave it blank for an adoption agency' });
  });
export type OrganisationInput = z.infer<typeof OrganisationInput>;
