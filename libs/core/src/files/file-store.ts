import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, ReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code';

/** A file received into the store's incoming folder, not yet kept. */
export interface ReceivedFile {
  tempPath: string;
  sizeBytes: number;
  sha256: string;
}

/** What a file really is, read from its bytes (never from its name). */
export interface SniffedType {
  mime: string;
  ext: string;
}

/** Evidence formats: PDF, images, office documents (OOXML, OpenDocument and legacy OLE). */
const ACCEPTED_MIME = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/tiff',
  'image/heic',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/x-cfb',
]);

/** The store is full, read-only, not permitted, or not a folder (e.g. a lost mount replaced by a file): 507, never a 500. */
const STORE_UNUSABLE = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR']);

type FileTypeModule = { fileTypeFromFile(path: string): Promise<SniffedType | undefined> };
let fileTypeModule: Promise<FileTypeModule> | undefined;

/**
 * Uploaded files on disk, outside any web root, under random keys: received into `incoming/`
 * while hashed and counted, then moved into place (same file system, atomic) once their record
 * is about to commit. Nothing is served from here but through the API's access checks.
 */
@Injectable()
export class FileStore {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get maxBytes(): number {
    return this.config.UPLOAD_MAX_MB * 1024 * 1024;
  }

  /** Streams an upload to a temporary file; 413 (and nothing kept) past the size limit. */
  async receive(source: Readable, isTruncated: () => boolean = () => false): Promise<ReceivedFile> {
    const incoming = join(this.config.filesDir, 'incoming');
    const tempPath = join(incoming, randomBytes(16).toString('hex'));
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const limit = this.maxBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sizeBytes += chunk.length;
        if (sizeBytes > limit) return done(new DomainException(ErrorCode.FileTooLarge, `Files may be at most ${limit / 1024 / 1024} MB`, [{ field: 'file', message: 'file is too large' }]));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await mkdir(incoming, { recursive: true });
      await pipeline(source, counter, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      await removeQuietly(tempPath);
      if (error instanceof DomainException) throw error;
      throw storageError(error);
    }
    if (isTruncated()) {
      await rm(tempPath, { force: true });
      throw new DomainException(ErrorCode.FileTooLarge, `Files may be at most ${limit / 1024 / 1024} MB`, [{ field: 'file', message: 'file is too large' }]);
    }
    if (sizeBytes === 0) {
      await rm(tempPath, { force: true });
      throw DomainException.validation([{ field: 'file', message: 'file is empty' }]);
    }
    return { tempPath, sizeBytes, sha256: hash.digest('hex') };
  }

  /** The file's real type from its content; 415 unless it is an accepted evidence format. */
  async sniffEvidence(file: ReceivedFile): Promise<SniffedType> {
    fileTypeModule ??= import('file-type') as Promise<FileTypeModule>;
    const type = await (await fileTypeModule).fileTypeFromFile(file.tempPath).catch(() => undefined);
    if (!type || !ACCEPTED_MIME.has(type.mime)) {
      throw new DomainException(ErrorCode.UnsupportedFileType, 'Evidence must be a PDF, an image (PNG, JPEG, GIF, WebP, TIFF, HEIC) or an office document, recognised by its content', [
        { field: 'file', message: `file content is ${type ? type.mime : 'not a recognised document'}` },
      ]);
    }
    return type;
  }

  /** A fresh path in the incoming folder for a file written here (an export); `keep` then moves it into place. */
  async incomingPath(): Promise<string> {
    const incoming = join(this.config.filesDir, 'incoming');
    await mkdir(incoming, { recursive: true });
    return join(incoming, randomBytes(16).toString('hex'));
  }

  /** Moves a received file into place; returns its storage key. */
  async keep(file: Pick<ReceivedFile, 'tempPath'>): Promise<string> {
    const key = randomBytes(24).toString('hex');
    const folder = join(this.config.filesDir, key.slice(0, 2));
    try {
      await mkdir(folder, { recursive: true });
      await rename(file.tempPath, join(folder, key));
    } catch (error) {
      throw storageError(error);
    }
    return key;
  }

  async discard(file: ReceivedFile | undefined): Promise<void> {
    if (file) await removeQuietly(file.tempPath);
  }

  /** Removes a kept file (its record was rolled back). */
  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async open(key: string): Promise<{ stream: ReadStream; sizeBytes: number }> {
    const path = this.pathOf(key);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new DomainException(ErrorCode.StorageUnavailable, 'The stored file is missing; the operators were told');
    return { stream: createReadStream(path), sizeBytes: info.size };
  }

  /** Removes received files older than `olderThanMs` (an upload interrupted by a crash); returns how many. */
  async purgeIncoming(olderThanMs = 3_600_000): Promise<number> {
    const incoming = join(this.config.filesDir, 'incoming');
    const names = await readdir(incoming).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const info = await stat(join(incoming, name)).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > olderThanMs) {
        await rm(join(incoming, name), { force: true });
        removed++;
      }
    }
    return removed;
  }

  private pathOf(key: string): string {
    if (!/^[0-9a-f]{48}$/.test(key)) throw new Error('Not a storage key');
    return join(this.config.filesDir, key.slice(0, 2), key);
  }
}

/**
 * Removes a temporary file, whatever state the store is in: when the store itself is broken (not a
 * folder, read-only), the cleanup's own error must not replace the error the client should get.
 */
async function removeQuietly(path: string): Promise<void> {
  await rm(path, { force: true }).catch(() => undefined);
}

function storageError(error: unknown): unknown {
  const code = (error as { code?: string } | undefined)?.code;
  if (code && STORE_UNUSABLE.has(code)) return new DomainException(ErrorCode.StorageUnavailable, 'The file store is full or not writable; retry later');
  return error;
}
