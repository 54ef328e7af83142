import type { Schemas } from '../../api/client';

/** An export as GET /api/v1/exports/{id} answers it. */
export type Export = Schemas['ExportDto'];

export const isFinished = (e: Pick<Export, 'status'> | undefined) => e?.status === 'done' || e?.status === 'failed';
