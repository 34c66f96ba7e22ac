import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import { DateTime, Int, Uuid, describing } from '../responses.ts';
import { ORGANISATION_KIND_CODES } from '../../domain/records/organisation.ts';

type S = Services['organisations'];

const organisationFields = {
  id: Uuid,
  name: z.string(),
  kind: z.enum(ORGANISATION_KIND_CODES),
  laCode: z.string().nullable().meta({ description: 'Local authority code (three digits), local authorities only' }),
  ofstedUrn: z.string().nullable().meta({ description: 'Ofsted unique reference number' }),
  providerCode: z.string().nullable().meta({ description: 'SSDA903 PLACE_PROVIDER code of a fostering agency (PR4, PR5)' }),
  version: Int,
  createdAt: DateTime,
  updatedAt: DateTime,
};

/** An organisation as listed and as made. */
export const Organisation = describing<Awaited<ReturnType<S['create']>>>()(z.object(organisationFields));

/** An organisation with its teams, as GET gives it. */
export const OrganisationWithTeams = describing<Awaited<ReturnType<S['get']>>>()(
  z.object({ ...organisationFields, teams: z.array(z.object({ id: Uuid, name: z.string(), organisationId: Uuid })) }),
);
