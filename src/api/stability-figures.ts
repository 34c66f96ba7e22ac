/** Placement stability figures over JSON: by month for the last 24 complete months. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import type { StabilityFiguresView } from '../services/stability-figures.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { Uuid } from '../http/schemas.ts';
import { Int, IsoDate, describing } from './responses.ts';
import { docs } from './helpers.ts';

const Ratio = z.object({ children: Int.meta({ description: 'How many children meet the indicator' }), of: Int.meta({ description: 'How many children it is counted over' }) });
export const StabilityFiguresResponse = describing<StabilityFiguresView>()(
  z.object({
    scope: z.object({ kind: z.enum(['authority', 'team', 'worker', 'household']), id: Uuid.nullable(), label: z.string() }),
    months: z.array(
      z.object({
        monthEnd: IsoDate,
        threeOrMorePlacements: Ratio.meta({ description: 'Children looked after on the day with three or more placements in the twelve months up to it' }),
        samePlacementTwoYears: Ratio.meta({ description: 'Children under 16 looked after for 2.5 years or more, in the same placement for 2 years or more (or placed for adoption)' }),
        unplannedEndings: Int,
        movesAgreed: Int,
        urgentMoves: Int,
        concerns: Int,
        concernsWithMeeting: Int,
        medianWorkingDaysToMeeting: z.number().nullable(),
      }),
    ),
  }),
);

export function stabilityFiguresApi(api: FastifyInstance, services: Services) {
  route(api, {
    method: 'GET',
    url: paths.api.stabilityFigures,
    access: 'obligation:dashboard',
    audit: 'stability.figures.viewed',
    ...docs({
      tag: 'Placement stability',
      summary:
        "The placement stability figures by month for the last 24 complete months, oldest first: the DfE's two indicators with the children behind each, unplanned endings, moves agreed, urgent moves and the working days from concern to Placement Support Meeting; for the authority, or one of a team (teamId), a social worker (workerId) or a household (householdReference)",
      query: z.object({ teamId: Uuid.optional(), workerId: Uuid.optional(), householdReference: z.string().max(40).optional() }),
      response: StabilityFiguresResponse,
    }),
    handler: async (req) => services.stabilityFigures.figures(req.ctx(), req.query),
  });
}
