import { z } from 'zod';
import { oneOf, optionalText, text } from './fields.ts';

export const ORGANISATION_KINDS = { local_authority: 'Local authority', fostering_agency: 'Independent fostering agency' } as const;
export type OrganisationKind = keyof typeof ORGANISATION_KINDS;

/**
 * An organisation: a local authority (with its DfE three-digit LA code) or an independent
 * fostering agency (which has no LA code).
 */
export const OrganisationInput = z
  .object({
    kind: oneOf(['local_authority', 'fostering_agency'], 'the kind of organisation'),
    name: text('the name'),
    laCode: optionalText('the LA code', 3),
    ofstedUrn: optionalText('the Ofsted URN', 20),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'local_authority') {
      if (!v.laCode) ctx.addIssue({ code: 'custom', path: ['laCode'], message: 'Enter the DfE LA code' });
      else if (!/^[0-9]{3}$/.test(v.laCode)) ctx.addIssue({ code: 'custom', path: ['laCode'], message: 'The LA code must be 3 digits, like 202' });
    } else if (v.laCode) {
      ctx.addIssue({ code: 'custom', path: ['laCode'], message: 'Only a local authority has an LA code' });
    }
  });
export type OrganisationInput = z.infer<typeof OrganisationInput>;
