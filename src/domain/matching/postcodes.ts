/**
 * How far apart two postcodes are, for the distance factors of matching.
 *
 * Coordinates come from a table of postcode-district (outward code) centroids in metres on the
 * British National Grid (eastings and northings, as the ONS Postcode Directory and OS Code-Point Open
 * publish them), so straight-line distance is plain Pythagoras. The table is a parameter: Hearth
 * ships `DEMO_CENTROIDS` below, the real centroids of the districts in and around the demo authority
 * (South Gloucestershire). No maintained npm package holds UK outward-code centroids for use offline
 * (checked November 2026), and Hearth never fetches anything at run time; a deployment elsewhere
 * would build its own table from the ONS Postcode Directory (Open Government Licence) by averaging
 * the grid references of each district's live postcodes.
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

/** "BS37 5TA" → "BS37"; "bs375ta" → "BS37". Null for something that is not a postcode. */
export function outwardCode(postcode: string): string | null {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  const m = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/.exec(compact);
  return m?.[1] ?? null;
}

/** "BS37 5TA" → "BS" (the postcode area: the outward code's leading letters). */
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
 * [district, easting, northing]: the centre of each postcode district in and around South
 * Gloucestershire, in metres on the British National Grid: the BS districts of South
 * Gloucestershire, Bristol, Bath and North East Somerset and North Somerset (not BS25-BS29, which
 * are mostly in Somerset, nor the non-geographic ones), and the BA, GL and SN districts nearby.
 *
 * Source: the "Postcode districts" table of doogal.co.uk (columns Postcode, Easting, Northing), as
 * stored in the public GitHub repository dotCoder876/carbonintensity, file "Postcode districts.csv"
 * (commit 0e94a488ae8c8257ca88990b57d1bc7af7f41c17): each district's position averaged over its
 * postcodes in the ONS Postcode Directory. Underlying data: Contains OS data (c) Crown copyright and
 * database right; Contains Royal Mail data (c) Royal Mail copyright and database right; Source:
 * Office for National Statistics licensed under the Open Government Licence v3.0. Every real
 * postcode the demo data uses (src/demo/postcodes-data.ts, from OS Code-Point Open) lies within
 * 13 km of its district's centre here (a test checks it). See docs/data-sources.md.
 */
const DEMO_DISTRICTS: readonly (readonly [district: string, easting: number, northing: number])[] = [
  ['BA1', 375033, 165590], ['BA2', 373903, 162615], ['BA3', 368762, 154147], ['BA13', 387197, 151554], ['BA14', 385961, 157785],
  ['BA15', 381837, 161068], ['BS1', 358959, 172935], ['BS2', 359722, 173496], ['BS3', 358152, 171239], ['BS4', 360894, 170951],
  ['BS5', 361690, 173836], ['BS6', 358534, 174751], ['BS7', 359713, 176576], ['BS8', 357059, 173351], ['BS9', 356677, 176780],
  ['BS10', 357639, 178696], ['BS11', 353000, 177969], ['BS13', 357546, 168297], ['BS14', 360930, 168381],
  ['BS15', 365620, 172985], ['BS16', 364506, 176418], ['BS20', 347526, 176009], ['BS21', 340916, 171144],
  ['BS22', 335467, 162801], ['BS23', 332571, 160936], ['BS24', 335659, 159539], ['BS30', 367055, 172041],
  ['BS31', 365776, 167957], ['BS32', 361184, 182660], ['BS34', 360705, 180862], ['BS35', 362133, 188870],
  ['BS36', 366250, 180922], ['BS37', 371084, 182449], ['BS39', 362967, 158912], ['BS40', 351783, 161097],
  ['BS41', 354595, 169591], ['BS48', 347975, 169988], ['BS49', 343301, 165144], ['GL5', 384823, 204533], ['GL6', 386362, 204418],
  ['GL8', 388399, 193646], ['GL9', 379746, 184732], ['GL10', 380550, 205115], ['GL11', 375396, 199332], ['GL12', 373447, 192190],
  ['GL13', 368739, 199458], ['SN11', 400115, 171167], ['SN12', 390525, 163747], ['SN13', 385664, 169730],
  ['SN14', 386303, 174122], ['SN15', 393776, 174663], ['SN16', 394464, 187830],
];

/** Outward-code centroids of the demo area: South Gloucestershire and its neighbours (52 districts). */
export const DEMO_CENTROIDS: Centroids = new Map(DEMO_DISTRICTS.map(([district, easting, northing]) => [district, { easting, northing }]));
