import { ApiError, type Problem } from './problem';
import { authFetch } from './session';

/**
 * Downloads a file of the API with the session's token (a bearer cannot ride on a plain link) and
 * hands it to the browser to save: `fileName` when given, else the name the API sends in
 * Content-Disposition, else `fallbackName`. A refusal is thrown as an ApiError with its problem.
 */
export async function downloadFile(path: string, options: { fileName?: string | null; fallbackName: string; accept?: string }): Promise<void> {
  const response = await authFetch(new Request(new URL(path, window.location.origin), { headers: { accept: options.accept ?? '*/*' } }));
  if (!response.ok) throw new ApiError(response.status, ((await response.json().catch(() => ({}))) ?? {}) as Problem);
  const name = options.fileName || fileNameOf(response.headers.get('content-disposition')) || options.fallbackName;
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** The file name of a Content-Disposition header (RFC 6266 `filename*` first). */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1];
}
