import type { Schemas } from '../../api/client';

/** ExportDto with the fields the OpenAPI document types loosely, as documented. */
export interface Export extends Omit<Schemas['ExportDto'], 'scope' | 'from' | 'to' | 'progress' | 'fileName' | 'sizeBytes' | 'error' | 'startedAt' | 'finishedAt'> {
  scope: { portfolio?: true; contractIds?: string[] };
  from: string | null;
  to: string | null;
  progress: { rowsWritten: number; rowsTotal: number | null };
  startedAt: string | null;
  finishedAt: string | null;
  fileName: string | null;
  sizeBytes: number | null;
  error: string | null;
}

export const isFinished = (e: Pick<Export, 'status'> | undefined) => e?.status === 'done' || e?.status === 'failed';
