import type { FastifyRequest } from 'fastify';
import { DomainException, ErrorCode, FileStore, ReceivedFile } from '@ddp/core';

export interface Upload {
  file: ReceivedFile;
  fileName: string;
  fields: Record<string, string>;
}

/**
 * Reads a multipart/form-data request with one `file` part and a few text fields, streaming the
 * file into the store's incoming folder (never into memory). Fields may come before or after the
 * file. The caller owns the received file and must keep or discard it.
 */
export async function readUpload(request: FastifyRequest, files: FileStore, allowedFields: string[]): Promise<Upload> {
  if (!request.isMultipart()) throw new DomainException(ErrorCode.UnsupportedMediaType, 'Send multipart/form-data with a `file` part');
  let received: ReceivedFile | undefined;
  let fileName = '';
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({ limits: { fileSize: files.maxBytes, files: 1, fields: 10, fieldSize: 2000, parts: 12 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || received) {
          part.file.resume();
          throw DomainException.validation([{ field: part.fieldname, message: `${part.fieldname}: send exactly one file, in the field "file"` }]);
        }
        fileName = part.filename.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim().slice(0, 255);
        received = await files.receive(part.file, () => part.file.truncated);
      } else {
        if (!allowedFields.includes(part.fieldname)) throw DomainException.validation([{ field: part.fieldname, message: `${part.fieldname} is not a known field` }]);
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    await files.discard(received);
    throw multipartError(error);
  }
  if (!received) throw DomainException.validation([{ field: 'file', message: 'file is required' }]);
  return { file: received, fileName, fields };
}

/** @fastify/multipart's own limit errors, as problems. */
function multipartError(error: unknown): unknown {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new DomainException(ErrorCode.FileTooLarge, 'The file is too large', [{ field: 'file', message: 'file is too large' }]);
  if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return DomainException.validation([{ field: 'file', message: 'send one file and the documented fields only' }]);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new DomainException(ErrorCode.UnsupportedMediaType, 'Send multipart/form-data');
  if (typeof code === 'string' && code.startsWith('FST_')) return DomainException.validation([{ field: 'file', message: 'the multipart body is malformed' }]);
  return error;
}
