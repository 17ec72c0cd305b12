import type { RestoreJobUpdateResolvers, SubscriptionResolvers } from '../__generated__/resolvers-types';
import { badUserInput, ErrorCode, gatewayError } from '../errors';
import { decodeGlobalId, GlobalIdError, type RestoreJobRef } from '../restoreJobs/globalId';
import { WatchLimitError, WatchStoppingError, type WatchMessage, type WatchStop } from '../watch';
import { pollJob } from './watchPoll';
import { SelectedChanges, selectionProjector } from './watchSelection';

/**
 * `Subscription.restoreJobUpdates`: thin. `subscribe` checks the id and the project, then follows the job in the
 * shared poll (src/watch) and drops the CHANGED events that change nothing the caller selected; `resolve` turns a
 * stop (shutdown, lifetime, a failure) into the error that says what to do.
 */
export const Subscription: SubscriptionResolvers = {
  restoreJobUpdates: {
    subscribe: (_root, args, context, info) => {
      const watch = context.watch;
      if (!watch) throw badUserInput('Subscriptions are served over WebSocket (graphql-ws) at this URL.');
      const ref = jobRef(args.id);
      if (watch.allowedProjectIds && !watch.allowedProjectIds.has(ref.projectId)) {
        throw gatewayError(ErrorCode.FORBIDDEN, `This gateway does not serve project ${ref.projectId}.`);
      }
      let stream: AsyncIterableIterator<WatchMessage>;
      try {
        stream = watch.hub.follow({ identity: watch.identity, jobId: args.id, poll: async (signal) => pollJob(await watch.pollContext(signal), ref) }, args.until);
      } catch (error) {
        if (error instanceof WatchLimitError) throw gatewayError(ErrorCode.TOO_MANY_SUBSCRIPTIONS, `${error.message} Try again later, or another replica.`, { max: error.max });
        if (error instanceof WatchStoppingError) throw shuttingDown();
        throw error;
      }
      return new SelectedChanges(stream, selectionProjector(info, context));
    },
    resolve: (message: WatchMessage) => {
      if (message.type === 'stop') throw stopError(message.stop);
      return message;
    },
  },
};

/** `RestoreJobUpdate`: the event's times as Dates. */
export const RestoreJobUpdate: RestoreJobUpdateResolvers = {
  observedAt: (event) => new Date(event.observedAt),
  nextCheckAt: (event) => (event.nextCheckAt === null ? null : new Date(event.nextCheckAt)),
};

function jobRef(id: string): RestoreJobRef {
  try {
    return decodeGlobalId(id);
  } catch (error) {
    if (error instanceof GlobalIdError) throw badUserInput(`"${id.slice(0, 64)}" is not an id of this graph.`, 'id');
    throw error;
  }
}

function shuttingDown() {
  return gatewayError(ErrorCode.SHUTTING_DOWN, 'The gateway is shutting down: subscribe again (another replica will answer).');
}

function stopError(stop: WatchStop) {
  switch (stop.reason) {
    case 'shutdown':
      return shuttingDown();
    case 'lifetime':
      return gatewayError(ErrorCode.SUBSCRIPTION_EXPIRED, `This subscription reached its maximum lifetime (${stop.lifetimeMs} ms, WATCH_MAX_LIFETIME_MS): subscribe again.`, { max: stop.lifetimeMs });
    case 'failed': {
      const { code, ...rest } = stop.failure.extensions;
      return gatewayError((typeof code === 'string' ? code : ErrorCode.UPSTREAM_ERROR) as ErrorCode, stop.failure.message, rest);
    }
  }
}
