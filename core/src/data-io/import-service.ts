import type { Actor } from '../data/actor.js';
import type { Database } from '../data/database.js';
import type { RecordService } from '../data/record-service.js';
import { isKithError } from '../errors/index.js';
import type { JobQueue } from '../queue/job-queue.js';
import { importView } from './column-plan.js';
import { actorSnapshot, importActor } from './import-actor.js';
import { ImportErrors } from './import-errors.js';
import type { ImportMapping, ImportMode } from './import-options.js';
import type { ImportSummary, RowReport } from './import-report.js';
import { prepareImport, runImport, type ImportProgress } from './import-runner.js';
import { ImportStore, newHead, newImportId, type ImportJobHead, type ImportJobState } from './import-store.js';
import { MappingStore } from './mapping-store.js';

/** The queue job kind that runs a background import. */
export const IMPORT_JOB = 'import.run';
/** Largest file an import answered within the request takes. */
export const REQUEST_LIMIT = 10 * 1024 * 1024;
/** Largest file a background import takes. */
export const BACKGROUND_LIMIT = 50 * 1024 * 1024;
/** Characters per stored chunk of an uploaded file. */
const FILE_CHUNK_CHARS = 1024 * 1024;

/** What an import is asked to do, and for whom. */
export interface ImportStart {
  readonly entity: string;
  readonly mapping: ImportMapping;
  readonly mode: ImportMode;
  readonly dryRun: boolean;
  readonly actor: Actor;
}

/** An import as the API shows it. */
export interface ImportJobView {
  readonly id: string;
  readonly entity: string;
  readonly state: ImportJobState;
  readonly mode: ImportMode;
  readonly dryRun: boolean;
  readonly background: boolean;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly progress: { readonly rows: number; readonly bytes: number; readonly totalBytes: number | null; readonly percent: number | null };
  readonly summary: ImportSummary;
  /** true: the created and updated rows are stored; false: nothing was kept; null: not known yet. */
  readonly committed: boolean | null;
  readonly columns: { readonly header: readonly string[]; readonly ignored: readonly { readonly column: string; readonly reason: string }[] } | null;
  readonly rows: readonly RowReport[];
  readonly rowsTruncated: boolean;
  readonly rejectedCsv: string | null;
  readonly error?: Readonly<Record<string, unknown>>;
}

/**
 * CSV imports for the API and the job queue: runs one while the request waits, or stores the
 * file and runs it as a durable job (resumable: a retried attempt starts after the last batch
 * it committed), keeps each import's report and rejected rows for KEEP_DAYS, and answers for
 * them — to the user who started the import, or an administrator.
 */
export class ImportService {
  readonly store: ImportStore;
  readonly mappings: MappingStore;
  /** Progress of imports running on this node, between two stored batches. */
  private readonly live = new Map<string, ImportProgress>();

  constructor(private readonly deps: { readonly db: Database; readonly records: RecordService; readonly jobs?: JobQueue }) {
    this.store = new ImportStore(deps.db);
    this.mappings = new MappingStore(deps.db, deps.records);
  }

  /** Makes the queue run background imports on this node. */
  register(jobs: JobQueue): void {
    jobs.registerHandler<{ id: string }>(IMPORT_JOB, (job) => this.runJob(job.payload.id));
  }

  /** Runs an import while the caller waits. */
  async runNow(start: ImportStart, source: AsyncIterable<Buffer | string>, totalBytes: number | null): Promise<ImportJobView> {
    const head = await this.begin(start, false, totalBytes);
    const runner = await this.store.takeOver(head.id);
    try {
      await this.execute(head, runner, { ...start.actor, channel: 'import' }, source, 0, false);
    } catch (error) {
      // Refused before a row was read (columns, permissions): nothing worth keeping.
      if (isKithError(error) && error.status < 500 && head.header === undefined) await this.deps.db.transaction((tx) => this.store.remove(tx, head.id));
      else await this.fail(head, error);
      throw error;
    }
    return this.viewOf(head, await this.store.reports(head));
  }

  /**
   * Stores the upload (refusing it past `limit` bytes, and refusing columns that cannot be
   * imported before anything is queued), then queues the import as a durable job.
   */
  async enqueue(start: ImportStart, body: AsyncIterable<Buffer | string>, limit: number, totalBytes: number | null): Promise<ImportJobView> {
    const jobs = this.deps.jobs;
    if (!jobs) throw new Error('background imports need the job queue');
    const model = this.deps.records.currentModel();
    importView(model, this.deps.records.entity(start.entity, model), { ...start.actor, channel: 'import' }, start.mapping.dedupe?.onMatch);
    const head = await this.begin(start, true, totalBytes);
    try {
      const first = await this.spool(head, body, limit);
      const prepared = await prepareImport(this.deps.records, start, textOf(first));
      await prepared.file.batches.return(undefined);
      await this.deps.db.transaction(async (tx) => {
        head.jobId = await jobs.enqueue(tx, { kind: IMPORT_JOB, payload: { id: head.id }, maxAttempts: 3 });
        await this.store.saveHead(tx, head);
      });
    } catch (error) {
      await this.deps.db.transaction((tx) => this.store.remove(tx, head.id));
      throw error;
    }
    return this.viewOf(head, []);
  }

  /** Runs (or resumes) a background import; the queue's handler. */
  async runJob(id: string): Promise<void> {
    const head = await this.store.head(id);
    if (!head || head.state === 'done' || head.state === 'failed') return;
    let actor: Actor;
    try {
      actor = await importActor(this.deps.db.reader, head.actor);
    } catch (error) {
      await this.fail(head, error);
      return;
    }
    head.state = 'running';
    head.startedAt ??= new Date().toISOString();
    const runner = await this.store.takeOver(id);
    // An all-or-nothing import that committed before its attempt was cut short is done.
    if (!head.dryRun && head.mode === 'allOrNothing' && head.committed === true) return this.finish(head);
    try {
      await this.execute(head, runner, actor, this.store.file(head), head.consumed, !head.dryRun && head.committed === false);
    } catch (error) {
      if (isKithError(error) && error.status < 500) return this.fail(head, error); // bad input: retrying cannot help
      throw error; // the queue retries; the next attempt resumes after the last committed batch
    }
  }

  /** An import of the caller's (or any, for an administrator): head, progress and per-row report. */
  async view(id: string, actor: Actor): Promise<ImportJobView> {
    const head = await this.own(id, actor);
    return this.viewOf(head, await this.store.reports(head));
  }

  /** The rejected rows as CSV, streamed from the store. */
  async rejected(id: string, actor: Actor): Promise<{ filename: string; chunks: AsyncGenerator<string> }> {
    const head = await this.own(id, actor);
    return { filename: `${head.entity}-import-${head.id.slice(0, 8)}-rejected.csv`, chunks: this.store.rejectedCsv(head) };
  }

  /** Deletes a finished import's report, rejected rows and file. */
  async remove(id: string, actor: Actor): Promise<void> {
    const head = await this.own(id, actor);
    if ((await this.viewOf(head, [])).state === 'running') throw ImportErrors.jobRunning(id);
    await this.deps.db.transaction((tx) => this.store.remove(tx, id));
  }

  private async own(id: string, actor: Actor): Promise<ImportJobHead> {
    const head = await this.store.head(id);
    if (!head || (!actor.isAdmin && head.actor.userId !== actor.userId)) throw ImportErrors.jobNotFound(id);
    return head;
  }

  private async begin(start: ImportStart, background: boolean, totalBytes: number | null): Promise<ImportJobHead> {
    const now = new Date();
    const head = newHead({ id: newImportId(now), entity: start.entity, mode: start.mode, dryRun: start.dryRun, background, mapping: start.mapping, actor: actorSnapshot(start.actor), totalBytes, now });
    if (!background) {
      head.state = 'running';
      head.startedAt = now.toISOString();
    }
    await this.deps.db.transaction(async (tx) => {
      await this.store.purge(tx, now);
      await this.store.saveHead(tx, head);
    });
    return head;
  }

  private async execute(head: ImportJobHead, runner: string, actor: Actor, source: AsyncIterable<Buffer | string>, skip: number, continueAsDryRun: boolean): Promise<void> {
    const onProgress = (progress: ImportProgress) => {
      head.bytes = Math.max(head.bytes, progress.bytes);
      this.live.set(head.id, progress);
    };
    const request = { entity: head.entity, mapping: head.mapping, mode: head.mode, dryRun: head.dryRun, actor };
    const outcome = await runImport(this.deps, request, { source, sink: this.store.sink(head, runner), skip, continueAsDryRun, onProgress });
    head.committed ??= head.dryRun ? false : outcome.committed;
    await this.finish(head);
  }

  private async finish(head: ImportJobHead): Promise<void> {
    head.state = 'done';
    head.finishedAt = new Date().toISOString();
    if (head.totalBytes !== null) head.bytes = head.totalBytes;
    await this.deps.db.transaction(async (tx) => {
      await this.store.removeFile(tx, head);
      await this.store.saveHead(tx, head);
    });
    this.live.delete(head.id);
  }

  private async fail(head: ImportJobHead, error: unknown): Promise<void> {
    head.state = 'failed';
    head.finishedAt = new Date().toISOString();
    head.error = isKithError(error) ? error.toProblem() : { code: 'KITH_INTERNAL', detail: 'The import stopped on an unexpected error; it has been logged.' };
    await this.deps.db.transaction(async (tx) => {
      await this.store.removeFile(tx, head);
      await this.store.saveHead(tx, head);
    });
    this.live.delete(head.id);
  }

  /** Stores the body in chunks of text; returns the first chunk (it holds the header row). */
  private async spool(head: ImportJobHead, body: AsyncIterable<Buffer | string>, limit: number): Promise<string> {
    const decoder = new TextDecoder(head.mapping.encoding ?? 'utf-8');
    let text = '';
    let first: string | undefined;
    const flush = async () => {
      first ??= text;
      head.fileChunks += 1;
      const chunk = text;
      text = '';
      await this.deps.db.transaction((tx) => this.store.appendFile(tx, head.id, head.fileChunks, chunk));
    };
    for await (const chunk of body) {
      head.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (head.bytes > limit) throw ImportErrors.tooLarge(limit, undefined);
      text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (text.length >= FILE_CHUNK_CHARS) await flush();
    }
    text += decoder.decode();
    if (text !== '' || first === undefined) await flush();
    head.totalBytes = head.bytes;
    head.bytes = 0;
    return first ?? '';
  }

  private async viewOf(head: ImportJobHead, rows: readonly RowReport[]): Promise<ImportJobView> {
    let state = head.state;
    let error = head.error;
    if ((state === 'queued' || state === 'running') && head.jobId !== undefined && this.deps.jobs) {
      const job = await this.deps.jobs.get(head.jobId);
      if (job?.state === 'dead') {
        state = 'failed';
        error = { code: 'KITH_IMPORT_INTERRUPTED', detail: `The import job failed ${job.attempts} times and was given up; the rows of the batches it committed are kept. Last error: ${job.lastError ?? 'unknown'}` };
      }
    }
    const live = state === 'running' ? this.live.get(head.id) : undefined;
    const summary = live ? live.summary : head.summary;
    const bytes = live ? Math.max(live.bytes, head.bytes) : head.bytes;
    const total = head.totalBytes;
    return {
      id: head.id,
      entity: head.entity,
      state,
      mode: head.mode,
      dryRun: head.dryRun,
      background: head.background,
      createdAt: head.createdAt,
      startedAt: head.startedAt ?? null,
      finishedAt: head.finishedAt ?? null,
      progress: { rows: summary.rows, bytes, totalBytes: total, percent: total ? Math.min(100, Math.round((bytes / total) * 1000) / 10) : null },
      summary,
      committed: head.committed,
      columns: head.header ? { header: head.header, ignored: head.ignoredColumns ?? [] } : null,
      rows,
      rowsTruncated: head.rowsTruncated,
      rejectedCsv: summary.reject > 0 ? `/api/v1/import/jobs/${head.id}/rejected.csv` : null,
      ...(error ? { error } : {}),
    };
  }
}

async function* textOf(text: string): AsyncGenerator<string> {
  yield text;
}
