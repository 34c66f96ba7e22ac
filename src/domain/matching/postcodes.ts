/**
 * How far apart two postcodes are, for the distance factors of matching.
 *
 * Coordinates come from a table of postcode-district (outward code) centroids in metres on a flat
 * grid, the form of the British National Grid eastings and northings that the ONS Postcode Directory
 * and OS Code-Point Open publish, so straight-line distance is plain Pythagoras. The table is a
 * parameter: Hearth ships only `DEMO_CENTROIDS` below, invented for the fictional demo authorities
 * (their postcode areas NQ, KQ, EQ, RQ and CQ do not exist). No maintained npm package holds UK
 * outward-code centroids for use offline (checked November 2026), and Hearth never fetches anything
 * at run time; a deployment would build its own table from the ONS Postcode Directory (Open
 * Government Licence) by averaging the grid references of each district's live postcodes.
 *
 * When either postcode has no centroid, the comparison falls back to a stated proxy: the same
 * postcode district (outward code), the same postcode area (its leading letters), or neither.
 *
 * Pure: no I/O, no clock.
 */

export type GridPoint = { easting: number; northing: number };
export type Centroids = ReadonlyMap<string, GridPoint>;

/** How two postcodes relate, from the best evidence available. */
export type Separation =
  | { kind: 'measured'; miles: number; fromDistrict: string; toDistrict: string }
  | { kind: 'same-district'; district: string }
  | { kind: 'same-area'; area: string }
  | { kind: 'different-area'; fromArea: string; toArea: string };

const METRES_PER_MILE = 1609.344;

/** "NQ4 7AB" → "NQ4"; "nq47ab" → "NQ4". Null for something that is not a postcode. */
export function outwardCode(postcode: string): string | null {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  const m = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/.exec(compact);
  return m?.[1] ?? null;
}

/** "NQ4 7AB" → "NQ" (the postcode area: the outward code's leading letters). */
export function postcodeArea(postcode: string): string | null {
  const outward = outwardCode(postcode);
  return outward ? (/^[A-Z]+/.exec(outward)?.[0] ?? null) : null;
}

/**
 * The separation of two postcodes, or null when either is not a postcode. Two postcodes in the
 * same district are 'same-district' even with centroids, since a district's centroid says nothing
 * about distances inside it.
 */
export function separation(from: string, to: string, centroids: Centroids): Separation | null {
  const a = outwardCode(from);
  const b = outwardCode(to);
  if (!a || !b) return null;
  if (a === b) return { kind: 'same-district', district: a };
  const pa = centroids.get(a);
  const pb = centroids.get(b);
  if (pa && pb) {
    const metres = Math.hypot(pa.easting - pb.easting, pa.northing - pb.northing);
    return { kind: 'measured', miles: Math.round((metres / METRES_PER_MILE) * 10) / 10, fromDistrict: a, toDistrict: b };
  }
  const areaA = postcodeArea(from)!;
  const areaB = postcodeArea(to)!;
  return areaA === areaB ? { kind: 'same-area', area: areaA } : { kind: 'different-area', fromArea: areaA, toArea: areaB };
}

// ---------------------------------------------------------------------------------------------
// The demo table
// ---------------------------------------------------------------------------------------------

/**
 * The fictional demo authorities' postcode areas and where their towns sit on the grid. The seed
 * (src/seed/generate.ts) gives every address a district from 1 to 14 in one of these areas.
 * Invented numbers, placed roughly as the seed's story has it: Kestleford next door to Northbridge,
 * Ravensholme a little further, Eastmere and Caldermoor a long drive away.
 */
const DEMO_TOWNS: readonly { area: string; easting: number; northing: number; inner: number; outer: number }[] = [
  { area: 'NQ', easting: 440_000, northing: 430_000, inner: 2_500, outer: 6_000 }, // Northbridge
  { area: 'KQ', easting: 465_000, northing: 431_000, inner: 2_000, outer: 5_000 }, // Kestleford, ~16 miles east
  { area: 'RQ', easting: 424_000, northing: 455_000, inner: 2_000, outer: 5_000 }, // Ravensholme, ~18 miles north-west
  { area: 'EQ', easting: 498_000, northing: 402_000, inner: 2_000, outer: 5_000 }, // Eastmere, ~40 miles east-south-east
  { area: 'CQ', easting: 436_000, northing: 362_000, inner: 2_000, outer: 5_000 }, // Caldermoor, ~42 miles south
];

/**
 * District 1 is each town's centre; districts 2–7 sit on an inner ring and 8–14 on an outer ring,
 * evenly spaced clockwise from north. Coordinates are rounded to 10 metres.
 */
function demoCentroids(): Map<string, GridPoint> {
  const out = new Map<string, GridPoint>();
  const at = (t: (typeof DEMO_TOWNS)[number], radius: number, step: number, steps: number): GridPoint => {
    const angle = (2 * Math.PI * step) / steps;
    const round = (n: number) => Math.round(n / 10) * 10;
    return { easting: round(t.easting + radius * Math.sin(angle)), northing: round(t.northing + radius * Math.cos(angle)) };
  };
  for (const t of DEMO_TOWNS) {
    out.set(`${t.area}1`, { easting: t.easting, northing: t.northing });
    for (let d = 2; d <= 7; d++) out.set(`${t.area}${d}`, at(t, t.inner, d - 2, 6));
    for (let d = 8; d <= 14; d++) out.set(`${t.area}${d}`, at(t, t.outer, d - 8, 7));
  }
  return out;
}

/** Invented outward-code centroids for the synthetic demo authorities only (70 districts). */
export const DEMO_CENTROIDS: Centroids = demoCentroids();
