import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { answersSender } from './assessment-api';
import { AutosaveQueue, type QueueState } from './autosave-queue';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Where a questionnaire's unsaved answers wait (answers only: never a token). */
export const draftKey = (assessmentId: string) => `ddp.assessment-draft.${assessmentId}`;

/** The autosave queue of one assessment, its state for rendering, and the retry when the browser is back online. */
export function useAutosave(assessmentId: string, etag: string, language: () => string | undefined): { queue: AutosaveQueue; state: QueueState } {
  const [queue] = useState(() => new AutosaveQueue({ send: answersSender(assessmentId, language), etag, storage: localStorageOrNull(), storageKey: draftKey(assessmentId) }));
  const subscribe = useCallback((listener: () => void) => queue.subscribe(() => listener()), [queue]);
  const getState = useCallback(() => queue.getState(), [queue]);
  const state = useSyncExternalStore(subscribe, getState);
  useEffect(() => {
    const online = () => queue.online();
    window.addEventListener('online', online);
    // Changes kept from an earlier visit are sent again now.
    if (queue.getState().unsaved > 0) void queue.flush();
    return () => {
      window.removeEventListener('online', online);
      queue.dispose();
    };
  }, [queue]);
  return { queue, state };
}
