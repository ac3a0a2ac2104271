/**
 * The fonts invoices and credit notes are drawn with, and the text layout that picks among them.
 *
 * The fonts come from npm, not from the machine: Noto Sans (Latin with Latin Extended and Vietnamese,
 * Greek, Cyrillic) and Noto Sans JP, KR and SC for Japanese, Korean and Chinese, as TrueType files in
 * `@expo-google-fonts/*`. pdfkit embeds only the glyphs a document uses (a subset), so a PDF carries a
 * few kilobytes per font, not megabytes; a CJK face is read from disk only once some text needs it.
 *
 * Text is split into runs by which font has each character (fontkit's `hasGlyphForCodePoint`): Noto
 * Sans first, then the CJK faces in the order the text calls for (kana → Japanese, hangul → Korean,
 * otherwise the document's hint). Spaces and punctuation stay in the run they are in, so
 * "株式会社 Tanaka — Łódź" makes three runs, not five. Lines are broken at the Unicode line-break
 * opportunities (UAX #14, the `linebreak` package pdfkit itself uses), which also breaks CJK text
 * between characters, and drawn run by run on one baseline.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';

const require = createRequire(import.meta.url);

interface LineBreak {
  position: number;
  required: boolean;
}
// linebreak ships no type declarations; this is the whole of its API.
const LineBreaker = require('linebreak') as new (text: string) => { nextBreak(): LineBreak | null };

export type FontWeight = 'regular' | 'bold';
/** Which CJK face draws Han characters when the text itself does not say (no kana, no hangul). */
export type CjkHint = 'ja' | 'ko' | 'zh';
type Face = 'latin' | 'ja' | 'ko' | 'zh';

const FILES: Record<Face, Record<FontWeight, string>> = {
  latin: {
    regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  },
  ja: {
    regular: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
  },
  ko: {
    regular: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf',
  },
  zh: {
    regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  },
};

const FALLBACKS: Record<CjkHint, Face[]> = {
  ja: ['latin', 'ja', 'zh', 'ko'],
  ko: ['latin', 'ko', 'ja', 'zh'],
  zh: ['latin', 'zh', 'ja', 'ko'],
};

interface LoadedFace {
  /** The name it is registered under in a document. */
  name: string;
  font: Font;
}

// Read and parsed once per process; pdfkit makes its own subset per document from the same font.
const loaded = new Map<string, LoadedFace>();

function face(which: Face, weight: FontWeight): LoadedFace {
  const name = `${which}-${weight}`;
  let found = loaded.get(name);
  if (found === undefined) {
    const font = create(readFileSync(require.resolve(FILES[which][weight])));
    if (!('hasGlyphForCodePoint' in font)) throw new Error(`${FILES[which][weight]} is a font collection`);
    keepCodePoints(font);
    found = { name, font };
    loaded.set(name, found);
  }
  return found;
}

/**
 * fontkit caches a glyph the first time it is made, with the characters it was asked for (foliojs/fontkit
 * #154, open). Subsetting a composite glyph ("ź" is "z" plus an accent) makes its components without
 * characters, so once one document embedded "ź", the next one's "z" had no Unicode mapping: it printed,
 * but a reader extracted nothing. Shared fonts keep their cache across documents, so a glyph looked up
 * with characters gets them back.
 */
function keepCodePoints(font: Font): void {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph !== null && codePoints.length > 0 && glyph.codePoints.length === 0)
      glyph.codePoints = codePoints;
    return glyph;
  };
}

/** The Latin face's vertical metrics, in units of the font size: lines are laid out with these. */
export function fontMetrics(): { ascent: number; descent: number } {
  const { font } = face('latin', 'regular');
  return { ascent: font.ascent / font.unitsPerEm, descent: -font.descent / font.unitsPerEm };
}

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
const REPLACEMENT = '\uFFFD';

/**
 * Makes text drawable: NFC, line breaks kept as "\n", tabs as spaces, other control and format
 * characters (bidi marks, zero-width joiners, a stray BOM) dropped.
 */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[^\P{Cc}\n]|\p{Cf}/gu, '');
}

export interface TextRun {
  text: string;
  /** The registered font name. */
  font: string;
}

/** Splits one line of text into runs, each drawn with a font that has all of its glyphs. */
export function splitRuns(text: string, weight: FontWeight, hint: CjkHint): TextRun[] {
  const order = FALLBACKS[KANA.test(text) ? 'ja' : HANGUL.test(text) ? 'ko' : hint];
  const runs: TextRun[] = [];
  let current: LoadedFace | null = null;
  let buffer = '';
  for (let char of text) {
    const code = char.codePointAt(0)!;
    let pick: LoadedFace | null = null;
    // Spaces, punctuation and combining marks stay with the run they are in when its font has them.
    if (current !== null && !LETTER_OR_DIGIT.test(char) && current.font.hasGlyphForCodePoint(code)) {
      pick = current;
    } else {
      for (const which of order) {
        const candidate = face(which, weight);
        if (candidate.font.hasGlyphForCodePoint(code)) {
          pick = candidate;
          break;
        }
      }
    }
    if (pick === null) {
      // No face has it (an emoji, a rare script). A mark is dropped; anything else becomes U+FFFD "�",
      // never a wrong letter nor the .notdef glyph (PDF/A forbids showing .notdef).
      if (MARK.test(char)) continue;
      pick = face('latin', weight);
      char = REPLACEMENT;
    }
    if (pick !== current && buffer !== '') {
      runs.push({ text: buffer, font: current!.name });
      buffer = '';
    }
    current = pick;
    buffer += char;
  }
  if (buffer !== '' && current !== null) runs.push({ text: buffer, font: current.name });
  return runs;
}

export interface TextStyle {
  size: number;
  weight?: FontWeight;
  color?: string;
}

type Doc = PDFKit.PDFDocument;

/** Draws and measures text in one document with the shipped fonts. */
export class PdfText {
  private readonly registered = new Set<string>();

  constructor(
    private readonly doc: Doc,
    private readonly hint: CjkHint,
  ) {}

  private use(run: TextRun, size: number): void {
    if (!this.registered.has(run.font)) {
      // pdfkit ≥ 0.20 takes a parsed fontkit font (its changelog; not yet in @types/pdfkit): the glyph
      // and layout caches then carry over from one document to the next.
      this.doc.registerFont(run.font, loaded.get(run.font)!.font as unknown as Buffer);
      this.registered.add(run.font);
    }
    this.doc.font(run.font).fontSize(size);
  }

  private runs(text: string, style: TextStyle): TextRun[] {
    return splitRuns(text, style.weight ?? 'regular', this.hint);
  }

  /** The width of one line of text. */
  width(text: string, style: TextStyle): number {
    let total = 0;
    for (const run of this.runs(text, style)) {
      this.use(run, style.size);
      total += this.doc.widthOfString(run.text);
    }
    return total;
  }

  /**
   * Draws one line with its baseline at `baseline`, from `x` (left), ending at `x` (right) or
   * centred on it. Returns its width. Never wraps and never opens a page.
   */
  line(
    text: string,
    x: number,
    baseline: number,
    style: TextStyle,
    align: 'left' | 'right' = 'left',
  ): number {
    const clean = cleanText(text).replace(/\n/g, ' ');
    const width = this.width(clean, style);
    let at = align === 'right' ? x - width : x;
    this.doc.fillColor(style.color ?? 'black');
    for (const run of this.runs(clean, style)) {
      this.use(run, style.size);
      const runWidth = this.doc.widthOfString(run.text);
      this.doc.text(run.text, at, baseline, { lineBreak: false, baseline: 'alphabetic' });
      at += runWidth;
    }
    return width;
  }

  /**
   * Breaks text into lines no wider than `width`: at line-break opportunities, a word longer than a
   * line between its characters. With `maxLines`, the last line kept ends with "…".
   */
  wrap(text: string, width: number, style: TextStyle, maxLines = Number.POSITIVE_INFINITY): string[] {
    const lines: string[] = [];
    for (const paragraph of cleanText(text).split('\n')) {
      let line = '';
      const breaker = new LineBreaker(paragraph);
      let last = 0;
      for (let bk = breaker.nextBreak(); bk !== null; bk = breaker.nextBreak()) {
        const segment = paragraph.slice(last, bk.position);
        last = bk.position;
        if (this.width((line + segment).trimEnd(), style) <= width) {
          line += segment;
          continue;
        }
        if (line !== '') lines.push(line.trimEnd());
        line = '';
        // A segment wider than a whole line (a long reference, a URL) is cut between graphemes.
        for (const { segment: grapheme } of new Intl.Segmenter(undefined, {
          granularity: 'grapheme',
        }).segment(segment)) {
          if (line !== '' && this.width((line + grapheme).trimEnd(), style) > width) {
            lines.push(line);
            line = '';
          }
          line += grapheme;
        }
      }
      lines.push(line.trimEnd());
    }
    if (lines.length <= maxLines) return lines;
    const kept = lines.slice(0, maxLines);
    let lastLine = kept[maxLines - 1]!;
    while (lastLine !== '' && this.width(`${lastLine}…`, style) > width)
      lastLine = [...lastLine].slice(0, -1).join('');
    kept[maxLines - 1] = `${lastLine.trimEnd()}…`;
    return kept;
  }

  /** Draws wrapped lines from `top`; returns the height used. */
  block(
    lines: string[],
    x: number,
    top: number,
    style: TextStyle,
    leading: number,
    align: 'left' | 'right' = 'left',
  ): number {
    const ascent = fontMetrics().ascent * style.size;
    lines.forEach((text, i) => {
      this.line(text, x, top + ascent + i * leading, style, align);
    });
    return lines.length * leading;
  }
}
