/**
 * The kinds of restore job: the domain's own declaration of the GraphQL enum `RestoreJobKind` (codegen maps the
 * schema's enum onto this type, so the two cannot drift apart unnoticed). Every per-kind table in src/, the simulator
 * and the tests is a `Record<RestoreJobKind, …>`, so the compiler points at each one a new kind must fill in.
 */
export const RESTORE_JOB_KINDS = ['LEGACY_BACKUP', 'SHARED_TIER', 'FLEX', 'SERVERLESS', 'CLOUD_BACKUP'] as const;

/** A kind of restore job, named as the GraphQL enum value. */
export type RestoreJobKind = (typeof RESTORE_JOB_KINDS)[number];

/** True for a word that names a kind. */
export function isRestoreJobKind(value: unknown): value is RestoreJobKind {
  return typeof value === 'string' && (RESTORE_JOB_KINDS as readonly string[]).includes(value);
}
