import { open as openFile } from 'node:fs/promises';
import * as yauzl from 'yauzl';
import { DomainException, ErrorCode } from '@ddp/core';

/** What an uploaded workbook may hold before anything parses it (a zip bomb stops here). */
export interface XlsxLimits {
  maxEntries: number;
  /** Sum of the entries' declared uncompressed sizes. */
  maxUncompressedBytes: number;
  /** Declared uncompressed ÷ compressed size of any one entry. */
  maxRatio: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = { maxEntries: 2_000, maxUncompressedBytes: 200 * 1024 * 1024, maxRatio: 200 };

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const refuse = (message: string) => new DomainException(ErrorCode.UnsupportedFileType, message, [{ field: 'file', message }]);

/**
 * Checks an uploaded file is a plain .xlsx workbook before exceljs reads it: a zip (not an old
 * .xls, an encrypted workbook or a renamed CSV), with the spreadsheet's main part, no macros
 * (.xlsm is refused: we never open code from suppliers), and within `limits` (entry count, total
 * and per-entry expansion read from the central directory, so a zip bomb is refused unread; then each
 * part is inflated to nowhere to prove it holds no more than it declares).
 * Throws a 415 `unsupported_file_type` naming `file`, or a 413 when the limits are passed.
 */
export async function inspectXlsx(path: string, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): Promise<void> {
  const head = Buffer.alloc(8);
  const handle = await openFile(path, 'r');
  try {
    await handle.read(head, 0, 8, 0);
  } finally {
    await handle.close();
  }
  if (head.subarray(0, 8).equals(OLE_MAGIC)) throw refuse('The file is an old .xls or an encrypted workbook: save it as an unprotected Excel workbook (.xlsx)');
  if (!head.subarray(0, 4).equals(ZIP_MAGIC)) throw refuse('The file is not an Excel workbook (.xlsx)');

  const entries = await listEntries(path, limits);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) throw refuse('The file is a zip archive but not an Excel workbook (.xlsx)');
  if ([...names].some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) throw refuse('The workbook contains macros (.xlsm): save it as an Excel workbook without macros (.xlsx)');
}

interface Entry {
  name: string;
  compressed: number;
  uncompressed: number;
}

function listEntries(path: string, limits: XlsxLimits): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(refuse('The file is not a readable Excel workbook (.xlsx)'));
      if (zip.entryCount > limits.maxEntries) {
        zip.close();
        return reject(tooLarge(`The workbook has ${zip.entryCount} parts; at most ${limits.maxEntries} are accepted`));
      }
      const entries: Entry[] = [];
      let total = 0;
      zip.on('entry', (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : entry.uncompressedSize > 0 ? Infinity : 1;
        if (total > limits.maxUncompressedBytes || (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio)) {
          zip.close();
          return reject(tooLarge(`The workbook expands to more than ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} MB or compresses suspiciously well; it is refused unread`));
        }
        entries.push({ name: entry.fileName, compressed: entry.compressedSize, uncompressed: entry.uncompressedSize });
        inflatesAsDeclared(zip, entry).then(
          () => zip.readEntry(),
          (refusal: unknown) => {
            zip.close();
            reject(refusal);
          },
        );
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', () => reject(refuse('The file is not a readable Excel workbook (.xlsx)')));
      zip.readEntry();
    });
  });
}

/**
 * Inflates an entry to nowhere, so that its declared size is proven before a reader trusts it: the
 * headers of a zip bomb may claim a small part (exceljs's whole-workbook reader would inflate it into
 * memory all the same). yauzl stops with an error as soon as a part yields more than it declares,
 * so a lying part costs at most a few KB more than its claim.
 */
function inflatesAsDeclared(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<void> {
  if (entry.fileName.endsWith('/')) return Promise.resolve();
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(refuse('The file is not a readable Excel workbook (.xlsx)'));
      stream.on('error', (failure: Error) =>
        reject(/too many bytes/.test(failure.message) ? tooLarge(`${entry.fileName} expands beyond the size its header declares; the workbook is refused`) : refuse('The file is not a readable Excel workbook (.xlsx)')),
      );
      stream.on('end', () => resolve());
      stream.resume();
    });
  });
}

function tooLarge(message: string): DomainException {
  return new DomainException(ErrorCode.FileTooLarge, message, [{ field: 'file', message }]);
}
