import { execute, Kind, type DocumentNode, type GraphQLResolveInfo } from 'graphql';
import type { RestoreJobModel } from '../restoreJobs/RestoreJobModel';
import type { WatchEventMessage, WatchMessage } from '../watch';

/**
 * What a subscriber selected of a job, as text: its own selection (aliases, fragments, directives and variables
 * included) executed over the job, in an event whose own fields are held fixed, so only the job's selected fields
 * count. Two jobs give the same text exactly when the subscriber would see the same `job`.
 */
export function selectionProjector(info: Pick<GraphQLResolveInfo, 'schema' | 'operation' | 'fragments' | 'variableValues'>, contextValue: unknown): (job: RestoreJobModel) => Promise<string> {
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [info.operation, ...Object.values(info.fragments)] };
  return async (job) => {
    const rootValue: WatchEventMessage = { type: 'event', change: 'CHANGED', job, observedAt: 0, nextCheckAt: null };
    const result = await execute({ schema: info.schema, document, rootValue, contextValue, variableValues: info.variableValues });
    return JSON.stringify(result);
  };
}

/**
 * A subscriber's stream without the CHANGED events that change nothing it selected. Hand-written rather than an async
 * generator: a generator's `return()` waits for the `next()` it is suspended in (a poll minutes away), so a client
 * that unsubscribes would hold its place in the poll until then; this one passes `return()` on at once.
 */
export class SelectedChanges implements AsyncIterableIterator<WatchMessage> {
  private last: string | null = null;

  constructor(
    private readonly source: AsyncIterableIterator<WatchMessage>,
    private readonly project: (job: RestoreJobModel) => Promise<string>,
  ) {}

  async next(): Promise<IteratorResult<WatchMessage>> {
    for (;;) {
      const item = await this.source.next();
      if (item.done || item.value.type !== 'event' || !item.value.job) return item;
      const seen = await this.project(item.value.job);
      if (item.value.change === 'CHANGED' && seen === this.last) continue;
      this.last = seen;
      return item;
    }
  }

  async return(): Promise<IteratorResult<WatchMessage>> {
    return (await this.source.return?.()) ?? { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<WatchMessage> {
    return this;
  }
}
