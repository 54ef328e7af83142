import type { AnswerValue } from '@ddp/definition';

/** An answer as queued and sent (PUT /assessments/{id}/answers takes the whole answer: value, not applicable, comment). */
export interface QueuedAnswer {
  value: AnswerValue;
  notApplicable: boolean;
  comment: string | null;
}

export interface SentAnswer extends QueuedAnswer {
  questionCode: string;
}

/**
 * idle: nothing changed yet; pending: changes wait for the debounce; saving: a request is out;
 * saved: everything is stored; offline: no connection, retried (and kept in storage);
 * error: the server failed, retried later; invalid: some answers were refused (see errors);
 * stale: someone else saved (412), waiting for `rebase`; closed: the assessment no longer takes answers (409).
 */
export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'error' | 'invalid' | 'stale' | 'closed';

/** What `send` throws: the HTTP status (0 when the network failed) and the problem's messages by field. */
export class SaveFailure extends Error {
  constructor(
    readonly status: number,
    readonly fieldErrors: Readonly<Record<string, string>> = {},
    message = `HTTP ${status}`,
  ) {
    super(message);
  }
}

export interface QueueState {
  status: SaveStatus;
  /** Answers not yet stored by the API (queued or in flight). */
  unsaved: number;
  /** The API's messages by question code (a refused value), until that answer changes again. */
  errors: Readonly<Record<string, string>>;
  etag: string;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface AutosaveOptions {
  /** Sends the answers with `If-Match: etag`; resolves to the new ETag, or throws a SaveFailure (anything else counts as offline). */
  send: (answers: SentAnswer[], etag: string) => Promise<string>;
  etag: string;
  /** Where unsaved answers are kept across reloads (answers only); null: nowhere. */
  storage: StorageLike | null;
  storageKey: string;
  /** Debounce before a change is sent. */
  delayMs?: number;
  /** First retry delay after a failure; doubled up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

type Listener = (state: QueueState) => void;

const FIELD = /^answers(?:\[(\d+)\]|\.(\d+))(?:\.(\w+))?$/;

/**
 * The autosave of a questionnaire: changes are coalesced by question code, sent after a short
 * debounce, one request at a time (each carries the ETag the previous one answered), kept in
 * storage until the API has them, and retried after a failure. Pure of React: the page subscribes.
 */
export class AutosaveQueue {
  private readonly pending = new Map<string, QueuedAnswer>();
  private inflight: Map<string, QueuedAnswer> | null = null;
  /** Answers the API refused (400), kept until they change. */
  private readonly refused = new Map<string, QueuedAnswer>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private failures = 0;
  private state: QueueState;
  private readonly listeners = new Set<Listener>();
  private readonly delayMs: number;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;

  constructor(private readonly options: AutosaveOptions) {
    this.delayMs = options.delayMs ?? 800;
    this.retryMs = options.retryMs ?? 2000;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
    this.state = { status: 'idle', unsaved: 0, errors: {}, etag: options.etag };
  }

  getState(): QueueState {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** The answers not yet stored (in flight, then queued: the later wins). */
  unsavedAnswers(): Record<string, QueuedAnswer> {
    return Object.fromEntries([...(this.inflight ?? new Map<string, QueuedAnswer>()), ...this.pending]);
  }

  /** Queues a change; the latest change of a question replaces the earlier unsent one. */
  change(questionCode: string, answer: QueuedAnswer): void {
    this.pending.set(questionCode, answer);
    this.refused.delete(questionCode);
    const errors = { ...this.state.errors };
    delete errors[questionCode];
    this.persist();
    const waiting = this.state.status === 'stale' || this.state.status === 'closed' || this.state.status === 'offline' || this.state.status === 'saving';
    this.update({ errors, status: waiting ? this.state.status : 'pending' });
    if (this.state.status !== 'stale' && this.state.status !== 'closed') this.schedule(this.delayMs);
  }

  /**
   * The answers kept in storage by an earlier page (a reload, a lost connection): queued again
   * and returned, for the form to show them over the server's. Nothing is sent until `flush`
   * (or the next change), so that calling this while rendering has no effect outside.
   */
  restore(): Record<string, QueuedAnswer> {
    const stored = this.readStorage();
    for (const [code, answer] of Object.entries(stored)) if (!this.pending.has(code)) this.pending.set(code, answer);
    if (this.pending.size > 0) this.update({ status: 'pending' });
    return stored;
  }

  /** Sends what is queued now (no debounce); resolves when that request is done. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) return this.running;
    this.running = this.send().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async send(): Promise<void> {
    if (this.inflight || this.pending.size === 0 || this.state.status === 'stale' || this.state.status === 'closed') return;
    const batch = new Map(this.pending);
    this.pending.clear();
    this.inflight = batch;
    const sent: SentAnswer[] = [...batch].map(([questionCode, a]) => ({ questionCode, ...a }));
    this.update({ status: 'saving' });
    try {
      const etag = await this.options.send(sent, this.state.etag);
      this.inflight = null;
      this.failures = 0;
      this.persist();
      this.update({ etag, status: this.pending.size > 0 ? 'pending' : 'saved' });
      if (this.pending.size > 0) this.schedule(this.delayMs);
    } catch (error) {
      this.inflight = null;
      this.failed(error instanceof SaveFailure ? error : new SaveFailure(0), sent, batch);
    }
  }

  /** Sends everything queued, after any request out; true when the API has every answer. */
  async drain(): Promise<boolean> {
    for (let round = 0; round < 10; round += 1) {
      if (this.running) await this.running;
      if (['stale', 'closed', 'invalid', 'error', 'offline'].includes(this.state.status)) return false;
      if (this.pending.size === 0) return true;
      await this.flush();
    }
    return false;
  }

  /** After a reload following a 412: continue from the new version, re-sending the local changes. */
  rebase(etag: string): void {
    this.update({ etag, status: this.pending.size > 0 ? 'pending' : 'saved' });
    this.failures = 0;
    if (this.pending.size > 0) void this.flush();
  }

  /** Another write (submit, workbook import) changed the version. */
  setEtag(etag: string): void {
    this.update({ etag });
  }

  /** The connection is back: retry at once. */
  online(): void {
    if (this.state.status === 'offline' || this.state.status === 'error') void this.flush();
  }

  /** Forgets the unsaved answers (and their copy in storage). */
  discard(): void {
    this.pending.clear();
    this.refused.clear();
    this.persist();
    this.update({ status: 'saved', errors: {} });
  }

  /** Stops the timer (the page goes away; what is unsaved stays in storage). */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private failed(failure: SaveFailure, sent: SentAnswer[], batch: Map<string, QueuedAnswer>): void {
    // The batch goes back under any newer change of the same question.
    const requeue = (codes: Iterable<string>) => {
      for (const code of codes) if (!this.pending.has(code)) this.pending.set(code, batch.get(code)!);
    };
    const { status } = failure;
    if (status === 400 || status === 422) {
      const errors: Record<string, string> = { ...this.state.errors };
      const refused = new Set<string>();
      for (const [field, message] of Object.entries(failure.fieldErrors)) {
        const match = FIELD.exec(field);
        const answer = match ? sent[Number(match[1] ?? match[2])] : undefined;
        if (answer) {
          errors[answer.questionCode] = message;
          refused.add(answer.questionCode);
        }
      }
      // Nothing was saved: send the others again; a refused answer waits for its next change.
      requeue(sent.map((a) => a.questionCode).filter((code) => !refused.has(code)));
      for (const code of refused) if (!this.pending.has(code)) this.refused.set(code, batch.get(code)!);
      this.persist();
      this.update({ status: refused.size > 0 ? 'invalid' : 'error', errors });
      if (refused.size > 0 && this.pending.size > 0) this.schedule(this.delayMs);
      return;
    }
    requeue(batch.keys());
    this.persist();
    if (status === 412) return this.update({ status: 'stale' });
    if (status === 409 || status === 403) return this.update({ status: 'closed' });
    this.failures += 1;
    this.update({ status: status === 0 ? 'offline' : 'error' });
    this.schedule(Math.min(this.maxRetryMs, this.retryMs * 2 ** (this.failures - 1)));
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  private update(patch: Partial<QueueState>): void {
    this.state = { ...this.state, ...patch, unsaved: this.pending.size + (this.inflight?.size ?? 0) };
    for (const listener of [...this.listeners]) listener(this.state);
  }

  /** Keeps what the API does not have yet, refused answers included (they are the user's, shown with their error). */
  private persist(): void {
    const storage = this.options.storage;
    if (!storage) return;
    const kept = { ...Object.fromEntries(this.refused), ...this.unsavedAnswers() };
    try {
      if (Object.keys(kept).length === 0) storage.removeItem(this.options.storageKey);
      else storage.setItem(this.options.storageKey, JSON.stringify({ answers: kept }));
    } catch {
      // A full or disabled storage: the queue still works in memory.
    }
  }

  private readStorage(): Record<string, QueuedAnswer> {
    try {
      const raw = this.options.storage?.getItem(this.options.storageKey);
      if (!raw) return {};
      const parsed = JSON.parse(raw) as { answers?: Record<string, QueuedAnswer> };
      const out: Record<string, QueuedAnswer> = {};
      for (const [code, a] of Object.entries(parsed.answers ?? {})) {
        if (a && typeof a === 'object' && 'value' in a) out[code] = { value: a.value ?? null, notApplicable: a.notApplicable === true, comment: typeof a.comment === 'string' ? a.comment : null };
      }
      return out;
    } catch {
      return {};
    }
  }
}
