/** The mutation documents the mutation tests send, each selecting the whole payload. */
export const PAYLOAD = `
  restoreJob { id jobId kind clusterName projectId snapshotId deliveryType status targetClusterName targetProjectId }
  restoreJobs { jobId }
  userErrors { field message code atlasErrorCode }
  replayed
  clientMutationId`;

export const START_DOWNLOAD = `mutation ($input: StartDownloadRestoreInput!) { startDownloadRestore(input: $input) { ${PAYLOAD} } }`;
export const START_AUTOMATED = `mutation ($input: StartAutomatedRestoreInput!) { startAutomatedRestore(input: $input) { ${PAYLOAD} } }`;
export const START_PIT = `mutation ($input: StartPointInTimeRestoreInput!) { startPointInTimeRestore(input: $input) { ${PAYLOAD} } }`;

