import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutosaveQueue, type QueuedAnswer, SaveFailure, type SentAnswer } from './autosave-queue';

const KEY = 'ddp.assessment-draft.test';
const yes: QueuedAnswer = { value: 'yes', notApplicable: false, comment: null };
const no: QueuedAnswer = { value: 'no', notApplicable: false, comment: null };

class MemoryStorage {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

type Send = (answers: SentAnswer[], etag: string) => Promise<string>;

function make(send: Send, storage = new MemoryStorage()) {
  const queue = new AutosaveQueue({ send, etag: '"1"', storage, storageKey: KEY, delayMs: 500, retryMs: 1000, maxRetryMs: 4000 });
  return { queue, storage };
}

/** A send that answers the next version each time, recording the calls. */
function versions() {
  let version = 1;
  return vi.fn<Send>(async () => `"${++version}"`);
}

describe('AutosaveQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for the debounce and sends the changes of several questions in one request, the latest per question', async () => {
    const send = versions();
    const { queue } = make(send);
    queue.change('A', yes);
    await vi.advanceTimersByTimeAsync(300);
    queue.change('B', yes);
    queue.change('A', no);
    expect(queue.getState().status).toBe('pending');
    await vi.advanceTimersByTimeAsync(300);
    expect(send).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(300);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][0]).toEqual([
      { questionCode: 'A', ...no },
      { questionCode: 'B', ...yes },
    ]);
    expect(send.mock.calls[0][1]).toBe('"1"');
    expect(queue.getState()).toMatchObject({ status: 'saved', etag: '"2"', unsaved: 0 });
  });

  it('sends one request at a time, each with the ETag the previous one answered', async () => {
    let release: (etag: string) => void = () => {};
    const send = vi.fn<Send>(() => new Promise<string>((resolve) => (release = resolve)));
    const { queue } = make(send);
    queue.change('A', yes);
    await vi.advanceTimersByTimeAsync(500);
    expect(queue.getState().status).toBe('saving');
    queue.change('B', no);
    await vi.advanceTimersByTimeAsync(1000);
    expect(send).toHaveBeenCalledTimes(1);
    release('"2"');
    await vi.advanceTimersByTimeAsync(500);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]).toEqual([[{ questionCode: 'B', ...no }], '"2"']);
  });

  it('keeps the changes after a network failure and retries with a growing delay', async () => {
    const send = vi
      .fn<Send>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockRejectedValueOnce(new SaveFailure(0))
      .mockResolvedValue('"2"');
    const { queue } = make(send);
    queue.change('A', yes);
    await vi.advanceTimersByTimeAsync(500);
    expect(queue.getState()).toMatchObject({ status: 'offline', unsaved: 1 });
    await vi.advanceTimersByTimeAsync(999);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(send).toHaveBeenCalledTimes(3);
    expect(send.mock.calls[2][0]).toEqual([{ questionCode: 'A', ...yes }]);
    expect(queue.getState()).toMatchObject({ status: 'saved', unsaved: 0 });
  });

  it('retries at once when the browser is back online; a newer change made meanwhile wins', async () => {
    const send = vi.fn<Send>().mockRejectedValueOnce(new TypeError('offline')).mockResolvedValue('"2"');
    const { queue } = make(send);
    queue.change('A', yes);
    await vi.advanceTimersByTimeAsync(500);
    queue.change('A', no);
    queue.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1][0]).toEqual([{ questionCode: 'A', ...no }]);
  });

  it('keeps unsaved answers in storage until the API has them, and restores them in a new queue', async () => {
    const send = vi.fn<Send>().mockRejectedValue(new TypeError('offline'));
    const { queue, storage } = make(send);
    queue.change('A', yes);
    queue.change('B', { value: null, notApplicable: true, comment: 'n/a here' });
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual({ answers: { A: yes, B: { value: null, notApplicable: true, comment: 'n/a here' } } });
    await vi.advanceTimersByTimeAsync(500);
    expect(JSON.parse(storage.getItem(KEY)!).answers.A).toEqual(yes);
    queue.dispose();

    // A reload: a new queue over the same storage.
    const again = versions();
    const { queue: next } = make(again, storage);
    expect(next.restore()).toEqual({ A: yes, B: { value: null, notApplicable: true, comment: 'n/a here' } });
    expect(next.getState()).toMatchObject({ status: 'pending', unsaved: 2 });
    expect(again).not.toHaveBeenCalled();
    await next.flush();
    expect(again).toHaveBeenCalledTimes(1);
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('on a 412 stops sending, keeps the changes and re-sends them after rebase with the new ETag', async () => {
    const send = vi.fn<Send>().mockRejectedValueOnce(new SaveFailure(412)).mockResolvedValue('"8"');
    const { queue, storage } = make(send);
    queue.change('A', yes);
    await vi.advanceTimersByTimeAsync(500);
    expect(queue.getState().status).toBe('stale');
    queue.change('B', no);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(send).toHaveBeenCalledTimes(1);
    expect(queue.unsavedAnswers()).toEqual({ A: yes, B: no });
    expect(storage.getItem(KEY)).not.toBeNull();
    queue.rebase('"7"');
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]).toEqual([
      [
        { questionCode: 'A', ...yes },
        { questionCode: 'B', ...no },
      ],
      '"7"',
    ]);
    expect(queue.getState()).toMatchObject({ status: 'saved', etag: '"8"' });
  });

  it('shows a refused answer’s message by question code, re-sends the others, and forgets the message when the answer changes', async () => {
    const send = vi
      .fn<Send>()
      .mockRejectedValueOnce(new SaveFailure(400, { 'answers[1].value': 'value must be a number' }))
      .mockResolvedValue('"2"');
    const { queue } = make(send);
    queue.change('A', yes);
    queue.change('N', { value: 'x', notApplicable: false, comment: null });
    await vi.advanceTimersByTimeAsync(500);
    expect(queue.getState()).toMatchObject({ status: 'invalid', errors: { N: 'value must be a number' } });
    await vi.advanceTimersByTimeAsync(500);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1][0]).toEqual([{ questionCode: 'A', ...yes }]);
    queue.change('N', { value: 3, notApplicable: false, comment: null });
    expect(queue.getState().errors).toEqual({});
  });

  it('drain sends everything queued at once and tells whether all was saved', async () => {
    const send = versions();
    const { queue } = make(send);
    queue.change('A', yes);
    await expect(queue.drain()).resolves.toBe(true);
    expect(send).toHaveBeenCalledTimes(1);
    const failing = make(vi.fn<Send>().mockRejectedValue(new SaveFailure(412))).queue;
    failing.change('A', yes);
    await expect(failing.drain()).resolves.toBe(false);
  });

  it('a 409 (the assessment no longer open) stops sending and keeps the answers', async () => {
    const send = vi.fn<Send>().mockRejectedValue(new SaveFailure(409));
    const { queue, storage } = make(send);
    queue.change('A', yes);
    await vi.advanceTimersByTimeAsync(500);
    expect(queue.getState().status).toBe('closed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(send).toHaveBeenCalledTimes(1);
    expect(storage.getItem(KEY)).not.toBeNull();
  });
});
