import { Readable } from 'node:stream';
import JSZip from 'jszip';

const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const SHARED_STRINGS = 'xl/sharedStrings.xml';
/** What the streaming reader needs before a worksheet, in the order it needs it. */
const PARTS = ['_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', SHARED_STRINGS, 'xl/styles.xml'];
const EMPTY_SHARED_STRINGS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';

/**
 * The .xlsx again as a zip stream holding its workbook parts and then its first worksheet only
 * (the lowest-numbered `sheetN.xml`, normally the first tab).
 *
 * Why: Excel (and exceljs) store the worksheets before `sharedStrings.xml`. Given a worksheet before the
 * shared strings, exceljs' streaming reader parks it in a temporary file whose descriptor it closes only
 * when the whole workbook has been read, so a reader stopped at the row limit or after the first sheet
 * leaked a descriptor and a file per upload, until the server ran out of descriptors. Reordered, the
 * sheet streams straight from memory. Entries are stored, not compressed again, and are inflated lazily
 * as the reader pulls, so a huge sheet still stops at the row limit without being expanded whole.
 */
export async function firstSheetFirst(file: Buffer): Promise<Readable> {
  const zip = await JSZip.loadAsync(file);
  const out = new JSZip();
  for (const name of PARTS) {
    const part = zip.file(name);
    if (part) out.file(name, part.nodeStream());
  }
  // A workbook of numbers and inline strings has no shared strings; the reader still waits for them.
  if (!zip.file(SHARED_STRINGS)) out.file(SHARED_STRINGS, EMPTY_SHARED_STRINGS);
  const sheets = Object.keys(zip.files).flatMap((name) => {
    const m = SHEET.exec(name);
    return m ? [{ name, n: Number(m[1]) }] : [];
  });
  const first = sheets.sort((a, b) => a.n - b.n)[0];
  if (first) out.file(first.name, zip.file(first.name)!.nodeStream());
  // JSZip's stream is an older Readable that exceljs does not recognise; wrapping forwards data and errors.
  return new Readable().wrap(out.generateNodeStream({ streamFiles: true, compression: 'STORE' }));
}
