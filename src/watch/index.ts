/** The watch: shared polls of restore jobs for subscriptions (no GraphQL here: the resolvers and http/ws.ts use it). */
export { downloadReady, endReached, type Observation, type PollOutcome, type WatchChange, type WatchEnd, type WatchEventMessage, type WatchFailure, type WatchMessage, type WatchStop, type WatchTarget } from './model';
export { pollDelayMs, type PollSchedule } from './schedule';
export { REAL_WATCH_CLOCK, WatchHub, WatchLimitError, WatchStoppingError, type SharedMessage, type WatchClock, type WatchCoordinator, type WatchHubOptions } from './WatchHub';
