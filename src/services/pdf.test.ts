/**
 * The PDF renderer, checked the way a reader and a screen reader meet the file: the raw PDF's
 * catalogue and metadata, then pdf.js (the extractor Firefox uses) reading each page's text, its
 * marked content and its structure tree, so that each check is on what is tagged and in what order,
 * and on what is only decoration (artifacts: footer, page numbers, repeated table headers).
 * All data is synthetic.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf, type PdfDocumentInput } from './pdf.ts';

const CREATED_AT = new Date('2026-11-25T10:00:00Z');
const CHILD = 'Zoë Łukasz-Nguyễn';
const FOOTER = 'OFFICIAL-SENSITIVE · Hearth · version 3 · generated 25 Nov 2026';
const SENTENCE =
  'The carers described a settled first week: she has gone to school each day, eaten well and started to talk about her routine.';
const LONG_PARAGRAPH = Array.from({ length: 40 }, (_, i) => `Observation ${i + 1}. ${SENTENCE}`).join(' ');
const RISK_ROWS = 60;
/** A cell taller than a page, so it has to split across page breaks. */
const TALL_CELL = Array.from({ length: 30 }, (_, k) => `Step ${k + 1}: the carers check in at bedtime and note how she slept.`).join(' ');

function riskRows(count: number): string[][] {
  return Array.from({ length: count }, (_, i) => [
    `Risk ${i + 1}: ${i % 9 === 0 ? `${SENTENCE} ${SENTENCE}` : 'Going missing from placement'}`,
    i % 3 === 0 ? 'High' : 'Low',
    i % 20 === 4 ? TALL_CELL : 'Carers report within one hour',
    'Social worker',
  ]);
}

function minutes(overrides: Partial<PdfDocumentInput> = {}): PdfDocumentInput {
  return {
    title: 'Placement Planning Meeting minutes',
    subtitle: `${CHILD} · placement with Sam and Jo Patel`,
    metadata: [
      { label: 'Child', value: CHILD },
      { label: 'Date of birth', value: '14 March 2015' },
      { label: 'Carers', value: 'Sam Patel and Jo Patel' },
      { label: 'Version', value: '3' },
      { label: 'Status', value: 'Completed' },
      { label: 'Completed by', value: 'Alex Jones on 25 November 2026' },
    ],
    sections: [
      {
        heading: 'Meeting details',
        fields: [
          { label: 'Date of meeting', value: '20 November 2026' },
          { label: 'Chair', value: 'Priya Shah, team manager' },
          { label: 'Independent reviewing officer', value: null },
          { label: 'Notes on attendance', value: '  ' },
        ],
      },
      { heading: 'Discussion', paragraphs: ['The meeting agreed the plan.', LONG_PARAGRAPH, `First part.\n\nSecond part.`] },
      { heading: 'Actions agreed', list: ['Send the placement plan to the carers.', 'Carers to keep a daily log.'] },
      { heading: 'Risk register', table: { caption: 'Risks and how they are managed', columns: ['Risk', 'Likelihood', 'Mitigation', 'Owner'], rows: riskRows(RISK_ROWS) } },
      { heading: 'Health' },
      { heading: 'Delegated authority', table: { caption: 'Decisions delegated', columns: ['Decision', 'Delegated to'], rows: [] } },
    ],
    footer: FOOTER,
    author: 'Alex Jones',
    createdAt: CREATED_AT,
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading a PDF as pdf.js does

type Tagged = { role: string; text: string };
type Page = {
  /** Structure elements with content on this page, in the structure tree's (reading) order. */
  tagged: Tagged[];
  /** Text inside artifacts: what a screen reader skips. */
  artifacts: string;
  /** Text in neither: should be none. */
  untagged: string;
};

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

async function open(bytes: Buffer): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
}

type Marked = { type: string; id?: string | null; tag?: string };
type Node = { role?: string; type?: string; id?: string; children?: Node[] };

async function readPages(pdf: PDFDocumentProxy): Promise<Page[]> {
  const pages: Page[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const textById = new Map<string, string>();
    const open: Marked[] = [];
    let artifacts = '';
    let untagged = '';
    for (const item of content.items) {
      if (!('str' in item)) {
        const marked = item as Marked;
        if (marked.type === 'endMarkedContent') open.pop();
        else open.push(marked);
        continue;
      }
      const inner = open[open.length - 1];
      const text = item.str + (item.hasEOL ? '\n' : ' ');
      if (inner?.tag === 'Artifact') artifacts += text;
      else if (inner?.id) textById.set(inner.id, (textById.get(inner.id) ?? '') + text);
      else untagged += item.str;
    }
    const tagged: Tagged[] = [];
    const walk = (node: Node) => {
      const kids = node.children ?? [];
      const ids = kids.filter((k) => k.type === 'content' && k.id).map((k) => textById.get(k.id!) ?? '');
      if (node.role && ids.length > 0) tagged.push({ role: node.role, text: squash(ids.join(' ')) });
      kids.forEach(walk);
    };
    walk((await page.getStructTree()) as Node);
    pages.push({ tagged, artifacts: squash(artifacts), untagged: squash(untagged) });
  }
  return pages;
}

const roles = (page: Page, role: string) => page.tagged.filter((t) => t.role === role).map((t) => t.text);

// ---------------------------------------------------------------------------------------------

describe('renderPdf: a long Placement Planning Meeting record', () => {
  let bytes: Buffer;
  let pdf: PDFDocumentProxy;
  let pages: Page[];

  before(async () => {
    bytes = await renderPdf(minutes());
    pdf = await open(bytes);
    pages = await readPages(pdf);
  });

  test('is a tagged PDF 1.7 with its language, a displayed title and a structure tree', () => {
    const raw = bytes.toString('latin1');
    assert.ok(raw.startsWith('%PDF-1.7'));
    assert.match(raw, /\/StructTreeRoot \d+ 0 R/);
    assert.match(raw, /\/MarkInfo \d+ 0 R/);
    assert.match(raw, /<<\s*\/Marked true\s*>>/);
    assert.match(raw, /\/Lang \(en-GB\)/);
    assert.match(raw, /\/DisplayDocTitle true/);
    assert.match(raw, /\/Title \d+ 0 R/);
    assert.match(raw, /\(Placement Planning Meeting minutes\)/);
  });

  test('carries title, author, subject, language and the given creation date, in the info and the XMP metadata', async () => {
    assert.deepEqual(await pdf.getMarkInfo(), { Marked: true, UserProperties: false, Suspects: false });
    const { info, metadata } = await pdf.getMetadata();
    const fields = info as Record<string, unknown>;
    assert.equal(fields.Title, 'Placement Planning Meeting minutes');
    assert.equal(fields.Author, 'Alex Jones');
    assert.equal(fields.Subject, `${CHILD} · placement with Sam and Jo Patel`);
    assert.equal(fields.Language, 'en-GB');
    assert.equal(fields.PDFFormatVersion, '1.7');
    assert.equal(fields.CreationDate, 'D:20261125100000Z');
    assert.equal(metadata?.get('dc:title'), 'Placement Planning Meeting minutes');
    assert.equal(metadata?.get('pdfuaid:part') ?? null, null, 'not declared PDF/UA: conformance is not validated');
  });

  test('is A4 and runs to more than two pages', async () => {
    assert.ok(pdf.numPages > 2, `expected more than 2 pages, got ${pdf.numPages}`);
    const first = await pdf.getPage(1);
    assert.deepEqual(first.view.map((v) => Math.round(v)), [0, 0, 595, 842]);
  });

  test('page 1 reads in order: title, subtitle, key facts, then the first section with "Not recorded" values', () => {
    const page = pages[0]!;
    assert.deepEqual(page.tagged.slice(0, 4), [
      { role: 'H1', text: 'Placement Planning Meeting minutes' },
      { role: 'P', text: `${CHILD} · placement with Sam and Jo Patel` },
      { role: 'TH', text: 'Child' },
      { role: 'TD', text: CHILD },
    ]);
    assert.deepEqual(roles(page, 'TH').slice(0, 6), ['Child', 'Date of birth', 'Carers', 'Version', 'Status', 'Completed by']);
    assert.equal(roles(page, 'H2')[0], 'Meeting details');
    const details = page.tagged.findIndex((t) => t.text === 'Independent reviewing officer');
    assert.deepEqual(page.tagged.slice(details, details + 4), [
      { role: 'TH', text: 'Independent reviewing officer' },
      { role: 'TD', text: 'Not recorded' },
      { role: 'TH', text: 'Notes on attendance' },
      { role: 'TD', text: 'Not recorded' },
    ]);
  });

  test('every page has the footer text and "Page n of N", as artifacts outside the tagged content', () => {
    const total = pages.length;
    pages.forEach((page, i) => {
      assert.ok(page.artifacts.includes(FOOTER), `footer on page ${i + 1}`);
      assert.ok(page.artifacts.includes(`Page ${i + 1} of ${total}`), `page number on page ${i + 1}`);
      assert.ok(!page.tagged.some((t) => t.text.includes('Page ') || t.text.includes('OFFICIAL-SENSITIVE')), `footer untagged on page ${i + 1}`);
    });
    assert.ok(pages[0]!.artifacts.includes(`Page 1 of ${total}`));
    assert.ok(pages[total - 1]!.artifacts.includes(`Page ${total} of ${total}`));
  });

  test('all text is either tagged content or an artifact', () => {
    pages.forEach((page, i) => assert.equal(page.untagged, '', `untagged text on page ${i + 1}`));
  });

  test('a paragraph longer than a page flows on and reads whole', () => {
    const parts = pages.flatMap((page, i) => roles(page, 'P').filter((p) => p.includes('Observation')).map((text) => ({ page: i, text })));
    assert.ok(new Set(parts.map((p) => p.page)).size >= 2, 'spans pages');
    assert.equal(parts.map((p) => p.text).join(' '), squash(LONG_PARAGRAPH));
    const all = pages.flatMap((page) => roles(page, 'P'));
    assert.ok(all.includes('First part.') && all.includes('Second part.'), 'a blank line starts a new paragraph');
  });

  test('the list is tagged L > LI > Lbl + LBody', () => {
    const page = pages.find((p) => roles(p, 'H2').includes('Actions agreed'))!;
    const at = page.tagged.findIndex((t) => t.text === 'Actions agreed');
    assert.deepEqual(page.tagged.slice(at + 1, at + 5), [
      { role: 'Lbl', text: '•' },
      { role: 'LBody', text: 'Send the placement plan to the carers.' },
      { role: 'Lbl', text: '•' },
      { role: 'LBody', text: 'Carers to keep a daily log.' },
    ]);
  });

  test('the long table: caption and column headers tagged once, headers repeated as artifacts, every row once and in order', () => {
    const all = pages.flatMap((p) => p.tagged);
    assert.deepEqual(all.filter((t) => t.role === 'Caption').map((t) => t.text), ['Risks and how they are managed']);
    const headers = all.filter((t) => t.role === 'TH' && ['Risk', 'Likelihood', 'Mitigation', 'Owner'].includes(t.text));
    assert.deepEqual(headers.map((t) => t.text), ['Risk', 'Likelihood', 'Mitigation', 'Owner']);

    const tablePages = pages.map((p, i) => ({ p, i })).filter(({ p }) => p.tagged.some((t) => t.role === 'TD' && /^Risk \d+:/.test(t.text)));
    assert.ok(tablePages.length >= 3, `table spans ${tablePages.length} pages`);
    for (const { p, i } of tablePages.slice(1)) {
      assert.match(p.artifacts, /Risk Likelihood Mitigation Owner/, `header repeated on page ${i + 1}`);
    }

    // Each row's first cell, once each and in order.
    const firstCells = all.filter((t) => t.role === 'TD' && /^Risk \d+:/.test(t.text)).map((t) => Number(/^Risk (\d+):/.exec(t.text)![1]));
    assert.deepEqual(firstCells, Array.from({ length: RISK_ROWS }, (_, i) => i + 1));

    // The Mitigation cells taller than a page split over page breaks (so there are more pieces
    // than cells) and their pieces, in reading order, add up to the cells' text, nothing lost or repeated.
    const tallCount = riskRows(RISK_ROWS).filter((row) => row[2] === TALL_CELL).length;
    const pieces = all.filter((t) => t.role === 'TD' && t.text.includes('Step '));
    assert.ok(pieces.length > tallCount, `expected split cells: ${pieces.length} pieces for ${tallCount} cells`);
    assert.equal(pieces.map((t) => t.text).join(' '), Array.from({ length: tallCount }, () => TALL_CELL).join(' '));
  });

  test('an empty section and a table with no rows still say so', () => {
    const all = pages.flatMap((p) => p.tagged);
    const health = all.findIndex((t) => t.role === 'H2' && t.text === 'Health');
    assert.deepEqual(all[health + 1], { role: 'P', text: 'Nothing recorded.' });
    const delegated = all.findIndex((t) => t.role === 'H2' && t.text === 'Delegated authority');
    assert.deepEqual(all[delegated + 1], { role: 'P', text: 'Decisions delegated: none recorded.' });
  });
});

describe('renderPdf: output options and inputs', () => {
  test('compress: false leaves the marked content readable in the raw PDF; the default compresses it', async () => {
    const input = minutes({ sections: minutes().sections.slice(0, 2) });
    const raw = (await renderPdf({ ...input, compress: false })).toString('latin1');
    assert.match(raw, /\/H1 <<\s*\/MCID 0\s*>> BDC/);
    assert.match(raw, /\/TH <<\s*\/MCID \d+\s*>> BDC/);
    assert.match(raw, /\/Artifact <<\s*\/Type \/Pagination\s*\/Attached \[\/Bottom\]\s*>> BDC/);
    assert.doesNotMatch(raw, /\/FlateDecode/);
    const compressed = (await renderPdf(input)).toString('latin1');
    assert.match(compressed, /\/FlateDecode/);
    assert.doesNotMatch(compressed, /\/H1 <<\s*\/MCID 0\s*>> BDC/);
  });

  test('the same input and creation date give the same bytes', async () => {
    const input = minutes({ sections: minutes().sections.slice(0, 1) });
    assert.deepEqual(await renderPdf(input), await renderPdf(input));
  });

  test('a title with XML characters keeps them on the page and leaves the XMP metadata readable', async () => {
    const pdf = await open(await renderPdf(minutes({ title: 'Risk assessment & <safety> plan', sections: [] })));
    const [page] = await readPages(pdf);
    assert.equal(roles(page!, 'H1')[0], 'Risk assessment & <safety> plan');
    const { metadata } = await pdf.getMetadata();
    assert.equal(metadata?.get('dc:title'), 'Risk assessment and ‹safety› plan');
  });

  test('another language can be set', async () => {
    const pdf = await open(await renderPdf(minutes({ lang: 'cy', sections: [] })));
    const { info } = await pdf.getMetadata();
    assert.equal((info as Record<string, unknown>).Language, 'cy');
  });

  test('a table row with the wrong number of cells is refused', async () => {
    const input = minutes({ sections: [{ heading: 'Risks', table: { caption: 'Risks', columns: ['Risk', 'Owner'], rows: [['Only one cell']] } }] });
    await assert.rejects(renderPdf(input), /row 1 has 1 cells but there are 2 columns/);
  });
});

describe('renderPdf: many documents in one process, as the server makes them', () => {
  test('full stops still read as full stops after a document whose only full stops were inside an ellipsis', async () => {
    // A module of its own, so its fonts are parsed afresh whatever this process rendered before.
    const fresh = (await import(new URL('./pdf.ts?fresh-fonts', import.meta.url).href)) as { renderPdf: typeof renderPdf };
    const note = (paragraph: string) => minutes({ title: 'Case note', subtitle: 'Case note', metadata: [], footer: 'Hearth', sections: [{ heading: 'Note', paragraphs: [paragraph] }] });
    await fresh.renderPdf(note('Wait and see…'));
    const [page] = await readPages(await open(await fresh.renderPdf(note('One. Two. Three.'))));
    assert.deepEqual(roles(page!, 'P'), ['Case note', 'One. Two. Three.'], 'the subtitle, then the note');
  });
});
