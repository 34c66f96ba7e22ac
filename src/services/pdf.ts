/**
 * Hearth's PDF document renderer: turns a plain description of a record (title, key facts,
 * sections of fields, paragraphs, tables and lists) into an A4, tagged, accessible PDF.
 *
 * - Tagged PDF (structure tree; not declared PDF/UA, which has not been validated): Document > H1, P, Sect > H2, Table > Caption, TR > TH/TD,
 *   L > LI > Lbl/LBody; language, title (shown in the viewer's title bar) and XMP metadata set.
 * - Noto Sans (OFL, from @expo-google-fonts/noto-sans) is embedded with a ToUnicode map, so text
 *   extracts and any name (Łukasz, Nguyễn, Zoë) renders.
 * - Layout is done here, line by line, so long text and tables flow onto new pages under our
 *   control: table rows split across pages with the header row repeated (as an artifact, so a
 *   screen reader reads it once); the footer text and "Page n of m" are on every page as
 *   pagination artifacts.
 *
 * The only I/O is reading the two font files once from node_modules; they are parsed once too
 * (pdfkit takes parsed fontkit fonts), which makes each PDF several times quicker than parsing them
 * for every document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { create as parseFont, type Font as FontkitFont } from 'fontkit';

/** A label and its value; a null or blank value is shown as "Not recorded". */
export type PdfField = { label: string; value: string | null };
export type PdfTable = { caption: string; columns: string[]; rows: string[][] };
export type PdfSection = {
  heading: string;
  fields?: PdfField[];
  paragraphs?: string[];
  table?: PdfTable;
  list?: string[];
};
export type PdfDocumentInput = {
  /** The document's title: the H1, the PDF's /Title and the viewer's title bar. */
  title: string;
  /** Shown under the title, e.g. the child's name and placement; also the PDF's /Subject. */
  subtitle?: string;
  /** Key facts box at the top: child, date of birth, carers, version, status, completed by/on. */
  metadata: { label: string; value: string }[];
  sections: PdfSection[];
  /** Printed on every page, e.g. "OFFICIAL-SENSITIVE · Hearth · version 3 · generated 25 Nov 2026". */
  footer: string;
  author?: string;
  /** BCP 47 language tag; default 'en-GB'. */
  lang?: string;
  /** The PDF's creation date; pass it for reproducible output (default: now). */
  createdAt?: Date;
  /** Compress content streams (default true); false makes the raw PDF readable in tests. */
  compress?: boolean;
};

export const NOT_RECORDED = 'Not recorded';

// ---------------------------------------------------------------------------------------------
// Fonts

const requireFromHere = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
} as const;
type ParsedFonts = { regular: PDFKit.Mixins.PDFFontSource; bold: PDFKit.Mixins.PDFFontSource };
let fontCache: ParsedFonts | undefined;

/**
 * fontkit keeps each glyph it has made, with the characters it was made for, and pdfkit writes those
 * characters into the PDF's ToUnicode map (what text extraction and screen readers read). A glyph
 * first made as a part of another (the full stops in a colon or an ellipsis, made when the document
 * using them was subset) has no characters; a later document in the same process would then map that
 * glyph to nothing, and every full stop in it extract wrongly. Making every glyph from its character
 * first, when the font is parsed, means a glyph is never first made without one.
 */
function withGlyphsFromCharacters(font: FontkitFont): FontkitFont {
  for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
  return font;
}

function fonts(): ParsedFonts {
  // pdfkit (since 0.20) accepts a font fontkit has parsed, which its types do not say.
  const parse = (file: string) => withGlyphsFromCharacters(parseFont(readFileSync(requireFromHere.resolve(file)))) as unknown as PDFKit.Mixins.PDFFontSource;
  fontCache ??= { regular: parse(FONT_FILES.regular), bold: parse(FONT_FILES.bold) };
  return fontCache;
}

type FontName = 'regular' | 'bold';

// ---------------------------------------------------------------------------------------------
// Page geometry and typography (points; A4 is 595.28 × 841.89)

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 56, bottom: 76, left: 56, right: 56 };
const TOP = MARGIN.top;
const BOTTOM = PAGE.height - MARGIN.bottom;
const LEFT = MARGIN.left;
const RIGHT = PAGE.width - MARGIN.right;
const WIDTH = RIGHT - LEFT;

const COLOUR = { text: '#0b0c0c', secondary: '#505a5f', rule: '#b1b4b6', keyFacts: '#f3f2f1' };

type TextStyle = { font: FontName; size: number; lineHeight: number; colour: string };
const STYLE = {
  h1: { font: 'bold', size: 22, lineHeight: 27, colour: COLOUR.text },
  subtitle: { font: 'regular', size: 14, lineHeight: 19, colour: COLOUR.text },
  h2: { font: 'bold', size: 16, lineHeight: 21, colour: COLOUR.text },
  body: { font: 'regular', size: 11, lineHeight: 15.5, colour: COLOUR.text },
  caption: { font: 'bold', size: 12, lineHeight: 16.5, colour: COLOUR.text },
  cell: { font: 'regular', size: 10, lineHeight: 14, colour: COLOUR.text },
  cellHeader: { font: 'bold', size: 10, lineHeight: 14, colour: COLOUR.text },
  cellMuted: { font: 'regular', size: 10, lineHeight: 14, colour: COLOUR.secondary },
  footer: { font: 'regular', size: 8.5, lineHeight: 11.5, colour: COLOUR.secondary },
} satisfies Record<string, TextStyle>;

const CELL_PAD = { x: 6, y: 5 };
const LIST_INDENT = 16;

// ---------------------------------------------------------------------------------------------
// Types: options pdfkit takes that its type definitions leave out, and table cells

type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;
type StructOptions = NonNullable<Parameters<Doc['struct']>[1]> & { scope?: 'Row' | 'Column' };
type ArtifactOptions = NonNullable<Parameters<Doc['markContent']>[1]>;

type GridCell = { text: string; role: 'TH' | 'TD'; scope?: 'Row' | 'Column'; style: TextStyle };
type GridStyle = {
  /** Fill behind every row (the key facts box), or none. */
  background?: string;
  /** Rule under every row. */
  ruleWidth: number;
};

/** Renders the document and resolves with the PDF's bytes. */
export async function renderPdf(input: PdfDocumentInput): Promise<Buffer> {
  validate(input);
  const lang = input.lang ?? 'en-GB';
  const createdAt = input.createdAt ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    pdfVersion: '1.7',
    // Tagged for screen readers, but not declared PDF/UA: conformance has not been checked with a validator (veraPDF).
    tagged: true,
    lang,
    displayTitle: true,
    bufferPages: true,
    compress: input.compress ?? true,
    info: {
      Title: metadataText(input.title),
      ...(input.author ? { Author: metadataText(input.author) } : {}),
      Subject: metadataText(input.subtitle ?? input.title),
      Creator: 'Hearth',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  const bytes = collect(doc);

  const { regular, bold } = fonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);

  const r = createRenderer(doc);
  const root = doc.struct('Document', { lang });
  doc.addStructure(root);

  r.textBlock(root, 'H1', input.title, STYLE.h1, { after: input.subtitle ? 4 : 14 });
  if (input.subtitle) r.textBlock(root, 'P', input.subtitle, STYLE.subtitle, { after: 14 });
  if (input.metadata.length > 0) {
    r.grid(
      root,
      labelColumns(r.width, input.metadata.map((m) => m.label), 0.32),
      input.metadata.map((m) => [rowHeader(m.label), valueCell(m.value)]),
      { background: COLOUR.keyFacts, ruleWidth: 0 },
    );
    r.space(10);
  }

  for (const section of input.sections) {
    const sect = doc.struct('Sect');
    root.add(sect);
    r.space(16);
    r.textBlock(sect, 'H2', section.heading, STYLE.h2, { after: 6, keepWithNext: 3 * STYLE.body.lineHeight });
    doc.outline.addItem(section.heading);
    let empty = true;
    if (section.fields && section.fields.length > 0) {
      empty = false;
      r.grid(
        sect,
        labelColumns(r.width, section.fields.map((f) => f.label), 0.38),
        section.fields.map((f) => [rowHeader(f.label), valueCell(f.value)]),
        { ruleWidth: 0.75 },
      );
      r.space(8);
    }
    for (const paragraph of (section.paragraphs ?? []).flatMap(splitParagraphs)) {
      empty = false;
      r.textBlock(sect, 'P', paragraph, STYLE.body, { after: 8 });
    }
    if (section.table) {
      empty = false;
      r.dataTable(sect, section.table);
      r.space(8);
    }
    if (section.list && section.list.length > 0) {
      empty = false;
      r.list(sect, section.list);
    }
    if (empty) r.textBlock(sect, 'P', 'Nothing recorded.', { ...STYLE.body, colour: COLOUR.secondary }, { after: 8 });
    sect.end();
  }
  root.end();

  r.pageFurniture(input.footer, [input.title, input.subtitle].filter(Boolean).join(' · '));
  doc.end();
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// The renderer: a cursor (y) over buffered pages, and the blocks drawn at it

function createRenderer(doc: Doc) {
  let y = TOP;

  const setStyle = (style: TextStyle) => doc.font(style.font).fontSize(style.size).fillColor(style.colour);

  /** Widths of words, cached per font and size: measuring with an embedded font is not cheap. */
  const widthCache = new Map<string, number>();
  function measure(text: string, style: TextStyle): number {
    const key = `${style.font}/${style.size}/${text}`;
    let w = widthCache.get(key);
    if (w === undefined) {
      w = doc.font(style.font).fontSize(style.size).widthOfString(text);
      widthCache.set(key, w);
    }
    return w;
  }

  /**
   * Splits text into lines no wider than maxWidth: at newlines, at spaces (a line's width is the
   * sum of its words and spaces, as pdfkit's own line wrapper measures it), or within a word too
   * long for a line. A line that ends at a space or newline keeps a trailing space, so that text
   * read or extracted line by line still has its word breaks.
   */
  function wrap(text: string, style: TextStyle, maxWidth: number): string[] {
    const lines: string[] = [];
    clean(text)
      .split('\n')
      .forEach((hardLine, n) => {
        const last = lines.length - 1;
        if (n > 0 && last >= 0 && lines[last] !== '' && !lines[last]!.endsWith(' ')) lines[last] += ' ';
        lines.push(...wrapLine(hardLine, style, maxWidth));
      });
    while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    while (lines.length > 1 && lines[0] === '') lines.shift();
    return lines;
  }

  function wrapLine(text: string, style: TextStyle, maxWidth: number): string[] {
    const space = measure(' ', style);
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    for (const word of text.split(' ').filter((w) => w.length > 0)) {
      const w = measure(word, style);
      if (line && lineWidth + space + w <= maxWidth) {
        line += ` ${word}`;
        lineWidth += space + w;
        continue;
      }
      if (line) lines.push(`${line} `);
      if (w <= maxWidth) {
        line = word;
        lineWidth = w;
        continue;
      }
      line = '';
      for (const ch of Array.from(word)) {
        if (line && measure(line + ch, style) > maxWidth) {
          lines.push(line);
          line = ch;
        } else {
          line += ch;
        }
      }
      lineWidth = measure(line, style);
    }
    lines.push(line);
    return lines;
  }

  function drawLine(text: string, x: number, atY: number, style: TextStyle) {
    if (text === '') return;
    setStyle(style).text(text, x, atY, { lineBreak: false });
  }

  /** Adds a structure element of this role to parent and draws its content inside it. */
  function element(parent: StructElement, role: string, draw: () => void, options: StructOptions = {}) {
    const el = doc.struct(role, options);
    parent.add(el);
    el.add(draw);
    el.end();
    return el;
  }

  /** Draws decoration that is not content (rules, shading, running headers) as an artifact. */
  function artifact(options: ArtifactOptions, draw: () => void) {
    doc.markContent('Artifact', options);
    draw();
    doc.endMarkedContent();
  }

  function newPage() {
    doc.continueOnNewPage();
    y = TOP;
  }

  function space(points: number) {
    if (y > TOP) y = Math.min(y + points, BOTTOM);
  }

  /** A heading or paragraph; flows onto new pages line by line. */
  function textBlock(
    parent: StructElement,
    role: string,
    text: string,
    style: TextStyle,
    opts: { after?: number; keepWithNext?: number } = {},
  ) {
    const lines = wrap(text, style, WIDTH);
    // Keep headings whole and with what follows; start a paragraph only if two lines fit.
    const keep = opts.keepWithNext !== undefined ? lines.length : Math.min(lines.length, 2);
    if (y > TOP && y + keep * style.lineHeight + (opts.keepWithNext ?? 0) > BOTTOM) newPage();
    element(parent, role, () => {
      for (const line of lines) {
        if (y + style.lineHeight > BOTTOM) newPage();
        drawLine(line, LEFT, y, style);
        y += style.lineHeight;
      }
    });
    y += opts.after ?? 0;
  }

  function list(parent: StructElement, items: string[]) {
    const l = doc.struct('L');
    parent.add(l);
    for (const item of items) {
      const lines = wrap(displayValue(item), STYLE.body, WIDTH - LIST_INDENT);
      if (y > TOP && y + Math.min(lines.length, 2) * STYLE.body.lineHeight > BOTTOM) newPage();
      const li = doc.struct('LI');
      l.add(li);
      element(li, 'Lbl', () => drawLine('•', LEFT + 3, y, STYLE.body));
      element(li, 'LBody', () => {
        for (const line of lines) {
          if (y + STYLE.body.lineHeight > BOTTOM) newPage();
          drawLine(line, LEFT + LIST_INDENT, y, STYLE.body);
          y += STYLE.body.lineHeight;
        }
      });
      li.end();
      y += 4;
    }
    l.end();
    y += 4;
  }

  type LaidCell = GridCell & { lines: string[]; x: number };

  function layRow(cells: GridCell[], columns: number[]): LaidCell[] {
    let x = LEFT;
    return cells.map((cell, i) => {
      const w = columns[i] ?? 0;
      const laid = { ...cell, x, lines: wrap(cell.text, cell.style, w - 2 * CELL_PAD.x) };
      x += w;
      return laid;
    });
  }

  const lineHeightOf = (row: LaidCell[]) => Math.max(...row.map((c) => c.style.lineHeight));
  const linesOf = (row: LaidCell[]) => Math.max(1, ...row.map((c) => c.lines.length));
  const heightOf = (row: LaidCell[]) => linesOf(row) * lineHeightOf(row) + 2 * CELL_PAD.y;

  function drawRowDecoration(atY: number, height: number, style: GridStyle, rule: boolean) {
    artifact({ type: 'Layout' }, () => {
      if (style.background) doc.save().rect(LEFT, atY, WIDTH, height).fill(style.background).restore();
      if (rule && style.ruleWidth > 0) {
        doc
          .save()
          .lineWidth(style.ruleWidth)
          .strokeColor(COLOUR.rule)
          .moveTo(LEFT, atY + height)
          .lineTo(RIGHT, atY + height)
          .stroke()
          .restore();
      }
    });
  }

  /**
   * Draws one row of a table, split over pages if it is taller than the space left (after moving
   * it whole to a new page when it fits there). onPageBreak repeats the header row.
   */
  function row(table: StructElement, cells: GridCell[], columns: number[], style: GridStyle, onPageBreak: () => void, reserved = 0) {
    const laid = layRow(cells, columns);
    const lh = lineHeightOf(laid);
    const total = linesOf(laid);
    const breakPage = () => {
      newPage();
      onPageBreak();
    };
    // A short row that does not fit moves whole to the next page; a long one splits, with at
    // least three of its lines here.
    const height = heightOf(laid);
    const short = height <= (BOTTOM - TOP) / 4;
    const room = BOTTOM - y - 2 * CELL_PAD.y;
    if (y > TOP + reserved && y + height > BOTTOM && (short || room < Math.min(3, total) * lh)) breakPage();

    const tr = doc.struct('TR');
    table.add(tr);
    const els = laid.map((cell) => {
      const options: StructOptions = cell.scope ? { scope: cell.scope } : {};
      const el = doc.struct(cell.role, options);
      tr.add(el);
      return el;
    });
    let from = 0;
    while (from < total) {
      const fit = Math.floor((BOTTOM - y - 2 * CELL_PAD.y) / lh);
      if (fit < 1) {
        breakPage();
        continue;
      }
      const count = Math.min(fit, total - from);
      const height = count * lh + 2 * CELL_PAD.y;
      drawRowDecoration(y, height, style, from + count === total);
      laid.forEach((cell, i) => {
        const chunk = cell.lines.slice(from, from + count);
        if (chunk.length === 0) return;
        const top = y;
        els[i]?.add(() => chunk.forEach((line, k) => drawLine(line, cell.x + CELL_PAD.x, top + CELL_PAD.y + k * lh, cell.style)));
      });
      y += height;
      from += count;
      if (from < total) breakPage();
    }
    els.forEach((el) => el.end());
    tr.end();
  }

  /** A table of rows (no repeated header): the key facts box and a section's fields. */
  function grid(parent: StructElement, columns: number[], rows: GridCell[][], style: GridStyle) {
    const table = doc.struct('Table');
    parent.add(table);
    const first = rows[0];
    if (first && y > TOP && y + Math.min(heightOf(layRow(first, columns)), 3 * STYLE.cell.lineHeight) > BOTTOM) newPage();
    for (const cells of rows) row(table, cells, columns, style, () => undefined);
    table.end();
  }

  /** A data table: caption, header row (repeated on each new page), body rows. */
  function dataTable(parent: StructElement, spec: PdfTable) {
    if (spec.rows.length === 0) {
      textBlock(parent, 'P', `${spec.caption}: none recorded.`, STYLE.body, { after: 8 });
      return;
    }
    const columns = fitColumns(measure, spec.columns, spec.rows);
    const headerCells: GridCell[] = spec.columns.map((text) => ({ text, role: 'TH', scope: 'Column', style: STYLE.cellHeader }));
    const header = layRow(headerCells, columns);
    const headerHeight = heightOf(header);
    const repeatable = headerHeight < (BOTTOM - TOP) / 4;
    const headerStyle: GridStyle = { ruleWidth: 1.5 };
    const bodyStyle: GridStyle = { ruleWidth: 0.75 };

    const captionLines = wrap(spec.caption, STYLE.caption, WIDTH);
    const firstRow = layRow(spec.rows[0]!.map(bodyCell), columns);
    const keep = captionLines.length * STYLE.caption.lineHeight + 4 + headerHeight + Math.min(heightOf(firstRow), 3 * STYLE.cell.lineHeight);
    if (y > TOP && y + keep > BOTTOM) newPage();

    const table = doc.struct('Table');
    parent.add(table);
    textBlock(table, 'Caption', spec.caption, STYLE.caption, { after: 4, keepWithNext: headerHeight });

    const repeatHeader = () => {
      if (!repeatable) return;
      // The header was already read once in the structure: repeats are pagination artifacts.
      artifact({ type: 'Pagination' }, () => {
        const lh = lineHeightOf(header);
        for (const cell of header) {
          cell.lines.forEach((line, k) => drawLine(line, cell.x + CELL_PAD.x, y + CELL_PAD.y + k * lh, cell.style));
        }
      });
      drawRowDecoration(y, headerHeight, headerStyle, true);
      y += headerHeight;
    };
    row(table, headerCells, columns, headerStyle, () => undefined);
    const reserved = repeatable ? headerHeight : 0;
    for (const cells of spec.rows) row(table, cells.map(bodyCell), columns, bodyStyle, repeatHeader, reserved);
    table.end();
  }

  /** Footer text and "Page n of m" on every page, and a running header from page 2 on. */
  function pageFurniture(footer: string, runningHeader: string) {
    const { start, count } = doc.bufferedPageRange();
    const footerTop = PAGE.height - MARGIN.bottom + 22;
    for (let i = 0; i < count; i++) {
      doc.switchToPage(start + i);
      const pageLabel = `Page ${i + 1} of ${count}`;
      const labelWidth = measure(pageLabel, STYLE.footer);
      const footerLines = wrap(footer, STYLE.footer, WIDTH - labelWidth - 16).slice(0, 3);
      artifact({ type: 'Pagination', attached: ['Bottom'] }, () => {
        doc.save().lineWidth(0.75).strokeColor(COLOUR.rule).moveTo(LEFT, footerTop - 8).lineTo(RIGHT, footerTop - 8).stroke().restore();
        footerLines.forEach((line, k) => drawLine(line, LEFT, footerTop + k * STYLE.footer.lineHeight, STYLE.footer));
        drawLine(pageLabel, RIGHT - labelWidth, footerTop, STYLE.footer);
      });
      if (i > 0 && runningHeader) {
        const headerLine = wrap(runningHeader, STYLE.footer, WIDTH)[0] ?? '';
        artifact({ type: 'Pagination', attached: ['Top'] }, () => drawLine(headerLine, LEFT, TOP - 28, STYLE.footer));
      }
    }
  }

  return { width: measure, textBlock, list, grid, dataTable, pageFurniture, space };
}

// ---------------------------------------------------------------------------------------------
// Helpers

type Measure = (text: string, style: TextStyle) => number;

/** Two columns for label/value rows: the labels' column as wide as they need, within maxShare. */
function labelColumns(measure: Measure, labels: string[], maxShare: number): number[] {
  const need = Math.max(0, ...labels.map((t) => measure(clean(t), STYLE.cellHeader))) + 2 * CELL_PAD.x + 2;
  const first = Math.max(Math.min(need, WIDTH * maxShare), WIDTH * 0.2);
  return [first, WIDTH - first];
}

/**
 * Column widths for a data table, from its text (the usual automatic table layout): each column
 * gets at least its longest word (or an equal share, if less), and the width left goes to the
 * columns in proportion to how much more their longest line would need.
 */
function fitColumns(measure: Measure, header: string[], rows: string[][]): number[] {
  const pad = 2 * CELL_PAD.x + 1;
  const widest = (t: string, style: TextStyle) => Math.max(...clean(t).split('\n').map((line) => measure(line, style)));
  const longestWord = (t: string, style: TextStyle) => Math.max(0, ...clean(t).split(/\s+/).map((w) => measure(w, style)));
  const min: number[] = [];
  const preferred: number[] = [];
  header.forEach((heading, c) => {
    const cells = rows.map((row) => row[c] ?? '');
    const word = Math.max(longestWord(heading, STYLE.cellHeader), ...cells.map((t) => longestWord(t, STYLE.cell)));
    const line = Math.max(widest(heading, STYLE.cellHeader), ...cells.map((t) => widest(t, STYLE.cell)));
    min.push(Math.min(word + pad, WIDTH / header.length));
    preferred.push(Math.max(Math.min(line + pad, WIDTH * 0.6), min[c] ?? 0));
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(preferred) <= WIDTH) return preferred.map((p) => (p * WIDTH) / sum(preferred));
  const slack = sum(preferred) - sum(min);
  return min.map((m, i) => m + ((WIDTH - sum(min)) * ((preferred[i] ?? m) - m)) / (slack || 1));
}

function rowHeader(label: string): GridCell {
  return { text: label, role: 'TH', scope: 'Row', style: STYLE.cellHeader };
}

function valueCell(value: string | null): GridCell {
  const shown = displayValue(value);
  return { text: shown, role: 'TD', style: shown === NOT_RECORDED ? STYLE.cellMuted : STYLE.cell };
}

function bodyCell(text: string): GridCell {
  return { text, role: 'TD', style: STYLE.cell };
}

/** Refuses input that cannot be drawn faithfully, before any drawing. */
function validate(input: PdfDocumentInput): void {
  for (const { table } of input.sections) {
    table?.rows.forEach((cells, i) => {
      if (cells.length !== table.columns.length) {
        throw new Error(`Table "${table.caption}": row ${i + 1} has ${cells.length} cells but there are ${table.columns.length} columns`);
      }
    });
    if (table && table.columns.length === 0) throw new Error(`Table "${table.caption}" has no columns`);
  }
}

/** Text with blank lines in it is several paragraphs. */
function splitParagraphs(text: string): string[] {
  const parts = clean(text)
    .split(/\n[^\S\n]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts;
}

function displayValue(value: string | null): string {
  return value === null || value.trim() === '' ? NOT_RECORDED : value;
}

/** Newlines kept; tabs and other whitespace become spaces; control characters go. */
function clean(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]/g, ' ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ''); // eslint-disable-line no-control-regex
}

/**
 * pdfkit writes the title, author and subject into the XMP metadata without escaping them, so
 * characters with a meaning in XML are replaced there (the visible text keeps them).
 */
function metadataText(text: string): string {
  return clean(text).replace(/\n/g, ' ').replace(/&/g, 'and').replace(/</g, '‹').replace(/>/g, '›');
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
