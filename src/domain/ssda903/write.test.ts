import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EpisodeRow, HeaderRow, Return903 } from './return-types.ts';
import { collectionYear } from './return-types.ts';
import { dfeDate, escapeXml, RETURN_COLUMNS, returnFiles, returnXml, sexCodeFor, TextPieces } from './write.ts';

// ---------------------------------------------------------------------------------------------
// Helpers: a small RFC 4180 reader and an XML well-formedness check, so the tests read back what
// the writer wrote rather than trusting it.
// ---------------------------------------------------------------------------------------------

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '') {
      // quoted field
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          field += text[i];
          i++;
        }
      }
      if (i < text.length && text[i] !== ',' && !text.startsWith('\r\n', i)) throw new Error(`text after closing quote at ${i}`);
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      if (c === '\r' || c === '\n') throw new Error(`bare line break at ${i}`);
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('last row not ended with CRLF');
  return rows;
}

type XmlNode = { tag: string; children: XmlNode[]; text: string };

/** Parses the subset of XML the writer produces (declaration, elements, text, the five entities) and throws if it is not well formed. */
function parseXml(xml: string): XmlNode {
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\r\n/.exec(xml);
  assert.ok(decl, 'XML declaration first');
  let rest = xml.slice(decl[0].length);
  const root: XmlNode = { tag: '#document', children: [], text: '' };
  const stack: XmlNode[] = [root];
  const entity = /&(amp|lt|gt|quot|apos);/g;
  while (rest.length > 0) {
    const top = stack[stack.length - 1]!;
    const lt = rest.indexOf('<');
    const text = lt === -1 ? rest : rest.slice(0, lt);
    if (text.length > 0) {
      if (/[<>]/.test(text) || /&(?!(amp|lt|gt|quot|apos);)/.test(text)) throw new Error(`bad text ${JSON.stringify(text)}`);
      top.text += text.replace(entity, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
    }
    if (lt === -1) break;
    rest = rest.slice(lt);
    const close = /^<\/([A-Z_][A-Z0-9_]*)>/.exec(rest);
    const open = /^<([A-Z_][A-Z0-9_]*)>/.exec(rest);
    if (close) {
      if (top.tag !== close[1]) throw new Error(`</${close[1]}> closes <${top.tag}>`);
      stack.pop();
      rest = rest.slice(close[0].length);
    } else if (open) {
      const node: XmlNode = { tag: open[1]!, children: [], text: '' };
      top.children.push(node);
      stack.push(node);
      rest = rest.slice(open[0].length);
    } else {
      throw new Error(`bad markup at ${JSON.stringify(rest.slice(0, 20))}`);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.tag}>`);
  const elements = root.children;
  if (elements.length !== 1 || root.text.trim() !== '') throw new Error('exactly one root element');
  return elements[0]!;
}

const tags = (n: XmlNode) => n.children.map((c) => c.tag);
const leafText = (n: XmlNode, tag: string) => n.children.find((c) => c.tag === tag)?.text;

// ---------------------------------------------------------------------------------------------
// Fixtures (synthetic)
// ---------------------------------------------------------------------------------------------

function year(label: string) {
  const y = collectionYear(label);
  assert.ok(y);
  return y;
}

const header = (over: Partial<HeaderRow> = {}): HeaderRow => ({
  CHILD: 'C1',
  SEX: 'F',
  DOB: '2012-07-09',
  ETHNIC: 'WBRI',
  UPN: 'A123456789012',
  MOTHER: null,
  MC_DOB: null,
  ...over,
});

const episode = (over: Partial<EpisodeRow> = {}): EpisodeRow => ({
  CHILD: 'C1',
  DECOM: '2025-04-03',
  RNE: 'S',
  LS: 'C2',
  CIN: 'N1',
  PLACE: 'U4',
  PLACE_PROVIDER: 'PR1',
  DEC: null,
  REC: null,
  REASON_PLACE_CHANGE: null,
  HOME_POST: 'LS1 4AP',
  PL_POST: 'LS6 2DA',
  URN: 'SC123456',
  ...over,
});

function sampleReturn(label = '2025-26', over: Partial<Return903> = {}): Return903 {
  return {
    year: year(label),
    header: [header(), header({ CHILD: 'C2', SEX: 'M', DOB: '2009-12-25', UPN: 'UN2', MOTHER: '1', MC_DOB: '2025-06-01' })],
    episodes: [
      episode({ DEC: '2025-09-30', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }),
      episode({ DECOM: '2025-09-30', RNE: 'P', PLACE: 'U1', URN: null }),
      episode({ CHILD: 'C2', DECOM: '2024-11-01', LS: 'V2', PLACE: 'K2', PLACE_PROVIDER: 'PR4' }),
    ],
    uasc: [{ CHILD: 'C2', SEX: 'M', DOB: '2009-12-25', DUC: '2027-12-25' }],
    reviews: [{ CHILD: 'C1', DOB: '2012-07-09', REVIEW: '2025-05-01', REVIEW_CODE: 'PN1' }],
    missing: [{ CHILD: 'C2', DOB: '2009-12-25', MISSING: 'M', MIS_START: '2025-08-02', MIS_END: null }],
    swEpisodes: [{ CHILD: 'C1', DOB: '2012-07-09', SW_ID: 'SW1234', SW_DECOM: '2025-04-03', SW_DEC: null, SW_REASON: null }],
    ...over,
  };
}

const fileOf = (ret: Return903, name: string) => {
  const file = returnFiles(ret).find((f) => f.name === name);
  assert.ok(file, `${name} written`);
  return file.content;
};

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

test('the files of the return, in order; sw_episodes.csv only from 2023-24', () => {
  const names = (label: string) => returnFiles(sampleReturn(label)).map((f) => f.name);
  const core = ['header.csv', 'episodes.csv', 'uasc.csv', 'reviews.csv', 'missing.csv'];
  const adoption = ['ad1.csv', 'placed_for_adoption.csv'];
  assert.deepEqual(names('2025-26'), [...core, 'sw_episodes.csv', ...adoption]);
  assert.deepEqual(names('2023-24'), [...core, 'sw_episodes.csv', ...adoption]);
  assert.deepEqual(names('2022-23'), [...core, ...adoption]);
});

test('each file starts with the DfE column names in the DfE order (rules.md §3.2)', () => {
  const expected: Record<string, string> = {
    'header.csv': 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB',
    'episodes.csv': 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
    'uasc.csv': 'CHILD,SEX,DOB,DUC',
    'reviews.csv': 'CHILD,DOB,REVIEW,REVIEW_CODE',
    'missing.csv': 'CHILD,DOB,MISSING,MIS_START,MIS_END',
    'sw_episodes.csv': 'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON',
    'ad1.csv': 'CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR',
    'placed_for_adoption.csv': 'CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED',
  };
  const files = returnFiles(sampleReturn());
  assert.equal(files.length, Object.keys(expected).length);
  for (const f of files) assert.equal(f.content.split('\r\n')[0], expected[f.name], f.name);
  assert.deepEqual(RETURN_COLUMNS.episodes.join(','), expected['episodes.csv']);
});

test('UTF-8 text with no byte order mark, CRLF line endings, every line ended', () => {
  for (const f of returnFiles(sampleReturn())) {
    assert.ok(f.content.startsWith('CHILD,'), `${f.name} starts with its first column, no BOM`);
    assert.ok(f.content.endsWith('\r\n'), `${f.name} ends with CRLF`);
    assert.equal(f.content.replace(/\r\n/g, '').includes('\n'), false, `${f.name} has no bare LF`);
  }
});

test('rows read back exactly: dates dd/mm/yyyy, blanks for null', () => {
  const ret = sampleReturn();
  assert.deepEqual(parseCsv(fileOf(ret, 'episodes.csv')), [
    [...RETURN_COLUMNS.episodes],
    ['C1', '03/04/2025', 'S', 'C2', 'N1', 'U4', 'PR1', '30/09/2025', 'X1', 'CARPL', 'LS1 4AP', 'LS6 2DA', 'SC123456'],
    ['C1', '30/09/2025', 'P', 'C2', 'N1', 'U1', 'PR1', '', '', '', 'LS1 4AP', 'LS6 2DA', ''],
    ['C2', '01/11/2024', 'S', 'V2', 'N1', 'K2', 'PR4', '', '', '', 'LS1 4AP', 'LS6 2DA', 'SC123456'],
  ]);
  assert.deepEqual(parseCsv(fileOf(ret, 'header.csv')), [
    [...RETURN_COLUMNS.header],
    ['C1', 'F', '09/07/2012', 'WBRI', 'A123456789012', '', ''],
    ['C2', 'M', '25/12/2009', 'WBRI', 'UN2', '1', '01/06/2025'],
  ]);
  assert.deepEqual(parseCsv(fileOf(ret, 'uasc.csv')), [[...RETURN_COLUMNS.uasc], ['C2', 'M', '25/12/2009', '25/12/2027']]);
  assert.deepEqual(parseCsv(fileOf(ret, 'reviews.csv')), [[...RETURN_COLUMNS.reviews], ['C1', '09/07/2012', '01/05/2025', 'PN1']]);
  assert.deepEqual(parseCsv(fileOf(ret, 'missing.csv')), [[...RETURN_COLUMNS.missing], ['C2', '25/12/2009', 'M', '02/08/2025', '']]);
  assert.deepEqual(parseCsv(fileOf(ret, 'sw_episodes.csv')), [[...RETURN_COLUMNS.swEpisodes], ['C1', '09/07/2012', 'SW1234', '03/04/2025', '', '']]);
  // and as exact text
  assert.equal(fileOf(ret, 'reviews.csv'), 'CHILD,DOB,REVIEW,REVIEW_CODE\r\nC1,09/07/2012,01/05/2025,PN1\r\n');
});

test('uasc.csv is always written, with only its header row when no child is UASC; so are the others', () => {
  const ret = sampleReturn('2025-26', { uasc: [], reviews: [], missing: [], swEpisodes: [] });
  assert.equal(fileOf(ret, 'uasc.csv'), 'CHILD,SEX,DOB,DUC\r\n');
  assert.equal(fileOf(ret, 'reviews.csv'), 'CHILD,DOB,REVIEW,REVIEW_CODE\r\n');
  assert.equal(fileOf(ret, 'missing.csv'), 'CHILD,DOB,MISSING,MIS_START,MIS_END\r\n');
  assert.equal(fileOf(ret, 'sw_episodes.csv'), 'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\r\n');
  const empty = sampleReturn('2025-26', { header: [], episodes: [], uasc: [], reviews: [], missing: [], swEpisodes: [] });
  assert.deepEqual(
    returnFiles(empty).map((f) => f.content.split('\r\n').length),
    [2, 2, 2, 2, 2, 2, 2, 2],
  );
});

test('quoting only where a value holds a comma, a double quote or a line break', () => {
  const ret = sampleReturn('2025-26', {
    episodes: [episode({ HOME_POST: 'LS1, 4AP', PL_POST: 'say "hi"', URN: 'a\nb', REC: 'c\rd' })],
  });
  const text = fileOf(ret, 'episodes.csv');
  assert.equal(text.split('\r\n')[1], 'C1,03/04/2025,S,C2,N1,U4,PR1,,"c\rd",,"LS1, 4AP","say ""hi""","a\nb"');
  const [, row] = parseCsv(text);
  assert.deepEqual(row, ['C1', '03/04/2025', 'S', 'C2', 'N1', 'U4', 'PR1', '', 'c\rd', '', 'LS1, 4AP', 'say "hi"', 'a\nb']);
  // nothing else is quoted
  assert.equal(fileOf(sampleReturn(), 'episodes.csv').includes('"'), false);
});

test('SEX is written as the collection year codes it, in the header and the UASC file', () => {
  const withSex = (label: string, sex: string) => {
    const ret = sampleReturn(label, { header: [header({ SEX: sex })], uasc: [{ CHILD: 'C1', SEX: sex, DOB: '2012-07-09', DUC: null }] });
    return [parseCsv(fileOf(ret, 'header.csv'))[1]?.[1], parseCsv(fileOf(ret, 'uasc.csv'))[1]?.[1]];
  };
  // 1/2 up to 2023-24
  assert.deepEqual(withSex('2023-24', 'M'), ['1', '1']);
  assert.deepEqual(withSex('2023-24', 'F'), ['2', '2']);
  assert.deepEqual(withSex('2023-24', '2'), ['2', '2']);
  // M/F/U from 2024-25
  assert.deepEqual(withSex('2024-25', '1'), ['M', 'M']);
  assert.deepEqual(withSex('2024-25', 'F'), ['F', 'F']);
  assert.deepEqual(withSex('2025-26', 'U'), ['U', 'U']);
  // no code for U before 2024-25: left for validation (rule 101) to report
  assert.equal(sexCodeFor('U', '2023-24'), 'U');
});

test('dates: ISO in, dd/mm/yyyy out; a malformed date is refused rather than sent', () => {
  assert.equal(dfeDate('2026-03-31'), '31/03/2026');
  assert.equal(dfeDate('2024-02-29'), '29/02/2024');
  assert.throws(() => dfeDate('2025-02-29'));
  assert.throws(() => dfeDate('31/03/2026'));
  assert.throws(() => returnFiles(sampleReturn('2025-26', { reviews: [{ CHILD: 'C1', DOB: '2012-07-09', REVIEW: 'soon', REVIEW_CODE: 'PN1' }] })));
});

// ---------------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------------

test('XML: well formed, EXPSSDA903 with one CHILD per child, HEADER then EPISODEs', () => {
  const root = parseXml(returnXml(sampleReturn()));
  assert.equal(root.tag, 'EXPSSDA903');
  assert.deepEqual(tags(root), ['CHILD', 'CHILD']);
  const [c1, c2] = root.children as [XmlNode, XmlNode];
  assert.deepEqual(tags(c1), ['HEADER', 'EPISODE', 'EPISODE']);
  assert.deepEqual(tags(c2), ['HEADER', 'EPISODE']);

  const h1 = c1.children[0]!;
  assert.deepEqual(tags(h1), ['CHILDID', 'UPN', 'SEX', 'DOB', 'ETHNIC', 'AREVIEW']);
  assert.equal(leafText(h1, 'CHILDID'), 'C1');
  assert.equal(leafText(h1, 'DOB'), '09/07/2012');
  const review = h1.children.find((c) => c.tag === 'AREVIEW')!;
  assert.deepEqual(tags(review), ['REVIEW', 'REVIEW_CODE']);
  assert.equal(leafText(review, 'REVIEW'), '01/05/2025');

  const h2 = c2.children[0]!;
  assert.deepEqual(tags(h2), ['CHILDID', 'UPN', 'SEX', 'DOB', 'ETHNIC', 'UASC', 'DUC', 'MOTHER', 'MC_DOB', 'AMISSING']);
  assert.equal(leafText(h2, 'UASC'), '1');
  assert.equal(leafText(h2, 'DUC'), '25/12/2027');
  assert.equal(leafText(h2, 'MC_DOB'), '01/06/2025');
  const missing = h2.children.find((c) => c.tag === 'AMISSING')!;
  assert.deepEqual(tags(missing), ['MISSING', 'MIS_START'], 'an open missing period has no MIS_END');

  const [e1, e2] = c1.children.slice(1) as [XmlNode, XmlNode];
  assert.deepEqual(tags(e1), ['DECOM', 'RNE', 'LS', 'CIN', 'PL', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN']);
  assert.equal(leafText(e1, 'PL'), 'U4', 'placement type is PL in the XML');
  assert.equal(leafText(e1, 'DEC'), '30/09/2025');
  assert.deepEqual(tags(e2), ['DECOM', 'RNE', 'LS', 'CIN', 'PL', 'PLACE_PROVIDER', 'HOME_POST', 'PL_POST']);
});

test('XML: SEX by year, values escaped, and the elements Hearth does not hold are absent', () => {
  const ret = sampleReturn('2023-24', {
    header: [header({ UPN: 'A<1>&"\'' })],
    episodes: [episode({ PL_POST: 'LS6 & <2DA>' })],
    uasc: [],
    reviews: [],
    missing: [],
  });
  const xml = returnXml(ret);
  const root = parseXml(xml);
  const child = root.children[0]!;
  const h = child.children[0]!;
  assert.equal(leafText(h, 'SEX'), '2');
  assert.equal(leafText(h, 'UPN'), 'A<1>&"\'');
  assert.equal(leafText(child.children[1]!, 'PL_POST'), 'LS6 & <2DA>');
  assert.ok(xml.includes('<UPN>A&lt;1&gt;&amp;&quot;&apos;</UPN>'));
  for (const absent of ['UASC', 'OC2', 'OC3', 'PERMANENCE', 'AD_PLACED', 'IN_TOUCH', 'DATE_INT', 'SEX_ADOPTR', 'LS_ADOPTR', 'PLACE>', 'SW_ID']) {
    assert.equal(xml.includes(`<${absent}`), false, `no <${absent}`);
  }
  assert.equal(escapeXml('a\u0001b\u0000c'), 'abc', 'characters XML 1.0 cannot hold are dropped');
});

test('XML: an empty return is still a well-formed document', () => {
  const root = parseXml(returnXml(sampleReturn('2025-26', { header: [], episodes: [], uasc: [], reviews: [], missing: [], swEpisodes: [] })));
  assert.equal(root.tag, 'EXPSSDA903');
  assert.deepEqual(root.children, []);
});

// Adoption (AD1, PlacedAdoption) ---------------------------------------------------------------

const adoptionRows = {
  placedAdoption: [{ CHILD: 'C1', DOB: '2012-07-09', DATE_PLACED: '2025-06-02', DATE_PLACED_CEASED: null, REASON_PLACED_CEASED: null }],
  ad1: [{ CHILD: 'C1', DOB: '2012-07-09', DATE_INT: '2025-06-02', DATE_MATCH: '2025-07-15', FOSTER_CARE: '1' as const, NB_ADOPTR: '2', SEX_ADOPTR: null, LS_ADOPTR: null }],
};

test('ad1.csv and placed_for_adoption.csv: rows read back with dates dd/mm/yyyy; SEX_ADOPTR and LS_ADOPTR blank (not held)', () => {
  const ret = sampleReturn('2025-26', adoptionRows);
  assert.deepEqual(parseCsv(fileOf(ret, 'ad1.csv')), [
    ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
    ['C1', '09/07/2012', '02/06/2025', '15/07/2025', '1', '2', '', ''],
  ]);
  assert.deepEqual(parseCsv(fileOf(ret, 'placed_for_adoption.csv')), [
    ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
    ['C1', '09/07/2012', '02/06/2025', '', ''],
  ]);
  // A return without adoption rows (one read back, or the generator's) still has both files, header row only.
  assert.deepEqual(parseCsv(fileOf(sampleReturn(), 'ad1.csv')).length, 1);
  assert.deepEqual(parseCsv(fileOf(sampleReturn(), 'placed_for_adoption.csv')).length, 1);
});

test('XML: the AD1 fields in HEADER and AD_PLACED nested in it, for the adopted child only', () => {
  const root = parseXml(returnXml(sampleReturn('2025-26', adoptionRows)));
  const [c1, c2] = root.children;
  const h1 = c1!.children[0]!;
  assert.deepEqual(tags(h1), ['CHILDID', 'UPN', 'SEX', 'DOB', 'ETHNIC', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'AREVIEW', 'AD_PLACED']);
  assert.equal(leafText(h1, 'DATE_INT'), '02/06/2025');
  assert.equal(leafText(h1, 'NB_ADOPTR'), '2');
  const placed = h1.children.find((c) => c.tag === 'AD_PLACED')!;
  assert.deepEqual(tags(placed), ['DATE_PLACED']);
  assert.equal(leafText(placed, 'DATE_PLACED'), '02/06/2025');
  const h2 = c2!.children[0]!;
  assert.equal(tags(h2).includes('DATE_INT') || tags(h2).includes('AD_PLACED'), false);
});

test('TextPieces gives back exactly the text added, however long, whatever the characters', () => {
  const pieces = new TextPieces();
  const parts: string[] = [];
  // About 1.3 MB in lines of ASCII, accented and astral characters, so that the 64 KB pieces fall between them.
  for (let i = 0; i < 20_000; i++) {
    const line = `${i},Zoë ${'é'.repeat(i % 7)}🏠,${'x'.repeat(i % 97)}\r\n`;
    parts.push(line);
    pieces.add(line);
  }
  assert.equal(pieces.text(), parts.join(''));
  const few = new TextPieces();
  few.add('a');
  few.add('ß');
  assert.equal(few.text(), 'aß');
  assert.equal(new TextPieces().text(), '');
});
