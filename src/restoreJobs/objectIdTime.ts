/**
 * The time in a MongoDB ObjectId: its first four bytes are the creation second (big-endian Unix seconds). Every
 * restore job's id is an ObjectId, so this is the one request time every kind has (`RestoreJob.requestedAt`).
 * Throws on a string that is not an ObjectId; a job model's `jobId` always is (the mappers drop jobs without one).
 */
export function objectIdTime(id: string): Date {
  if (!/^[0-9a-fA-F]{24}$/.test(id)) throw new TypeError('Not an ObjectId.');
  return new Date(Number.parseInt(id.slice(0, 8), 16) * 1000);
}
