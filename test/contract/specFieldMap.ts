/**
 * Where the graph exposes each response property of the four job schemas: the one table from spec property paths
 * (`Schema.property.nested`, arrays transparent, writeOnly properties absent) to GraphQL field paths
 * (`Type.field.nested`). A property may feed several fields (the raw word and the normalized one). The field-coverage
 * test fails when a spec property has no entry here, or an entry names a property or a field that does not exist.
 *
 * NOTE: project and cluster come from the request path (so a global id always leads back to where the job was
 * found); the bodies' `groupId`/`projectId` and `clusterName`/`instanceName` name the same project and cluster, and
 * are mapped to those fields.
 */
export const SPEC_FIELD_MAP: Readonly<Record<string, string | readonly string[]>> = {
  // BackupRestoreJob (legacy backup)
  'BackupRestoreJob.batchId': 'LegacyBackupRestoreJob.batchId',
  'BackupRestoreJob.clusterId': 'LegacyBackupRestoreJob.sourceClusterId',
  'BackupRestoreJob.clusterName': 'LegacyBackupRestoreJob.clusterName',
  'BackupRestoreJob.created': 'LegacyBackupRestoreJob.createdAt',
  'BackupRestoreJob.delivery': ['LegacyBackupRestoreJob.delivery', 'LegacyBackupRestoreJob.deliveryType'],
  'BackupRestoreJob.delivery.authHeader': 'LegacyBackupRestoreJob.delivery.authHeader',
  'BackupRestoreJob.delivery.authValue': 'LegacyBackupRestoreJob.delivery.authValue',
  'BackupRestoreJob.delivery.expirationHours': 'LegacyBackupRestoreJob.delivery.expirationHours',
  'BackupRestoreJob.delivery.expires': ['LegacyBackupRestoreJob.delivery.expiresAt', 'LegacyBackupRestoreJob.expiresAt'],
  'BackupRestoreJob.delivery.maxDownloads': 'LegacyBackupRestoreJob.delivery.maxDownloads',
  'BackupRestoreJob.delivery.methodName': ['LegacyBackupRestoreJob.delivery.method', 'LegacyBackupRestoreJob.deliveryType'],
  'BackupRestoreJob.delivery.statusName': 'LegacyBackupRestoreJob.delivery.downloadStatus',
  'BackupRestoreJob.delivery.targetClusterId': ['LegacyBackupRestoreJob.delivery.targetClusterId', 'LegacyBackupRestoreJob.deliveryType'],
  'BackupRestoreJob.delivery.targetClusterName': ['LegacyBackupRestoreJob.delivery.targetClusterName', 'LegacyBackupRestoreJob.targetClusterName'],
  'BackupRestoreJob.delivery.targetGroupId': ['LegacyBackupRestoreJob.delivery.targetProjectId', 'LegacyBackupRestoreJob.targetProjectId'],
  'BackupRestoreJob.delivery.url': ['LegacyBackupRestoreJob.delivery.url', 'LegacyBackupRestoreJob.downloadUrls'],
  'BackupRestoreJob.delivery.urlV2': ['LegacyBackupRestoreJob.delivery.urlV2', 'LegacyBackupRestoreJob.downloadUrls'],
  'BackupRestoreJob.deploymentJobId': 'LegacyBackupRestoreJob.deploymentJobId',
  'BackupRestoreJob.encryptionEnabled': 'LegacyBackupRestoreJob.encryptionEnabled',
  'BackupRestoreJob.groupId': 'LegacyBackupRestoreJob.projectId',
  'BackupRestoreJob.hashes': 'LegacyBackupRestoreJob.hashes',
  'BackupRestoreJob.hashes.fileName': 'LegacyBackupRestoreJob.hashes.fileName',
  'BackupRestoreJob.hashes.hash': 'LegacyBackupRestoreJob.hashes.hash',
  'BackupRestoreJob.hashes.links': 'LegacyBackupRestoreJob.hashes.links',
  'BackupRestoreJob.hashes.links.href': 'LegacyBackupRestoreJob.hashes.links.href',
  'BackupRestoreJob.hashes.links.rel': 'LegacyBackupRestoreJob.hashes.links.rel',
  'BackupRestoreJob.hashes.typeName': 'LegacyBackupRestoreJob.hashes.algorithm',
  'BackupRestoreJob.id': ['LegacyBackupRestoreJob.jobId', 'LegacyBackupRestoreJob.id'],
  'BackupRestoreJob.links': 'LegacyBackupRestoreJob.links',
  'BackupRestoreJob.links.href': 'LegacyBackupRestoreJob.links.href',
  'BackupRestoreJob.links.rel': 'LegacyBackupRestoreJob.links.rel',
  'BackupRestoreJob.masterKeyUUID': 'LegacyBackupRestoreJob.masterKeyUuid',
  'BackupRestoreJob.snapshotId': 'LegacyBackupRestoreJob.snapshotId',
  'BackupRestoreJob.statusName': ['LegacyBackupRestoreJob.status', 'LegacyBackupRestoreJob.atlasStatus', 'LegacyBackupRestoreJob.isTerminal'],
  'BackupRestoreJob.timestamp': 'LegacyBackupRestoreJob.snapshotTimestamp',
  'BackupRestoreJob.timestamp.date': 'LegacyBackupRestoreJob.snapshotTimestamp.date',
  'BackupRestoreJob.timestamp.increment': 'LegacyBackupRestoreJob.snapshotTimestamp.increment',

  // TenantRestore (shared tier)
  'TenantRestore.clusterName': 'SharedTierRestoreJob.clusterName',
  'TenantRestore.deliveryType': ['SharedTierRestoreJob.deliveryType', 'SharedTierRestoreJob.atlasDeliveryType'],
  'TenantRestore.expirationDate': 'SharedTierRestoreJob.expiresAt',
  'TenantRestore.id': ['SharedTierRestoreJob.jobId', 'SharedTierRestoreJob.id'],
  'TenantRestore.links': 'SharedTierRestoreJob.links',
  'TenantRestore.links.href': 'SharedTierRestoreJob.links.href',
  'TenantRestore.links.rel': 'SharedTierRestoreJob.links.rel',
  'TenantRestore.projectId': 'SharedTierRestoreJob.projectId',
  'TenantRestore.restoreFinishedDate': 'SharedTierRestoreJob.finishedAt',
  'TenantRestore.restoreScheduledDate': 'SharedTierRestoreJob.createdAt',
  'TenantRestore.snapshotFinishedDate': 'SharedTierRestoreJob.snapshotFinishedAt',
  'TenantRestore.snapshotId': 'SharedTierRestoreJob.snapshotId',
  'TenantRestore.snapshotUrl': ['SharedTierRestoreJob.snapshotUrl', 'SharedTierRestoreJob.downloadUrls'],
  'TenantRestore.status': ['SharedTierRestoreJob.status', 'SharedTierRestoreJob.atlasStatus', 'SharedTierRestoreJob.isTerminal'],
  'TenantRestore.targetDeploymentItemName': 'SharedTierRestoreJob.targetClusterName',
  'TenantRestore.targetProjectId': 'SharedTierRestoreJob.targetProjectId',

  // FlexBackupRestoreJob20241113 (flex)
  'FlexBackupRestoreJob20241113.deliveryType': ['FlexRestoreJob.deliveryType', 'FlexRestoreJob.atlasDeliveryType'],
  'FlexBackupRestoreJob20241113.expirationDate': 'FlexRestoreJob.expiresAt',
  'FlexBackupRestoreJob20241113.id': ['FlexRestoreJob.jobId', 'FlexRestoreJob.id'],
  'FlexBackupRestoreJob20241113.instanceName': 'FlexRestoreJob.clusterName',
  'FlexBackupRestoreJob20241113.links': 'FlexRestoreJob.links',
  'FlexBackupRestoreJob20241113.links.href': 'FlexRestoreJob.links.href',
  'FlexBackupRestoreJob20241113.links.rel': 'FlexRestoreJob.links.rel',
  'FlexBackupRestoreJob20241113.projectId': 'FlexRestoreJob.projectId',
  'FlexBackupRestoreJob20241113.restoreFinishedDate': 'FlexRestoreJob.finishedAt',
  'FlexBackupRestoreJob20241113.restoreScheduledDate': 'FlexRestoreJob.createdAt',
  'FlexBackupRestoreJob20241113.snapshotFinishedDate': 'FlexRestoreJob.snapshotFinishedAt',
  'FlexBackupRestoreJob20241113.snapshotId': 'FlexRestoreJob.snapshotId',
  'FlexBackupRestoreJob20241113.snapshotUrl': ['FlexRestoreJob.snapshotUrl', 'FlexRestoreJob.downloadUrls'],
  'FlexBackupRestoreJob20241113.status': ['FlexRestoreJob.status', 'FlexRestoreJob.atlasStatus', 'FlexRestoreJob.isTerminal'],
  'FlexBackupRestoreJob20241113.targetDeploymentItemName': 'FlexRestoreJob.targetClusterName',
  'FlexBackupRestoreJob20241113.targetProjectId': 'FlexRestoreJob.targetProjectId',

  // ServerlessBackupRestoreJob (serverless)
  'ServerlessBackupRestoreJob.cancelled': ['ServerlessRestoreJob.cancelled', 'ServerlessRestoreJob.status', 'ServerlessRestoreJob.isTerminal'],
  'ServerlessBackupRestoreJob.deliveryType': ['ServerlessRestoreJob.deliveryType', 'ServerlessRestoreJob.atlasDeliveryType'],
  'ServerlessBackupRestoreJob.deliveryUrl': 'ServerlessRestoreJob.downloadUrls',
  'ServerlessBackupRestoreJob.desiredTimestamp': 'ServerlessRestoreJob.desiredTimestamp',
  'ServerlessBackupRestoreJob.desiredTimestamp.date': 'ServerlessRestoreJob.desiredTimestamp.date',
  'ServerlessBackupRestoreJob.desiredTimestamp.increment': 'ServerlessRestoreJob.desiredTimestamp.increment',
  'ServerlessBackupRestoreJob.expired': ['ServerlessRestoreJob.expired', 'ServerlessRestoreJob.status', 'ServerlessRestoreJob.isTerminal'],
  'ServerlessBackupRestoreJob.expiresAt': 'ServerlessRestoreJob.expiresAt',
  'ServerlessBackupRestoreJob.failed': ['ServerlessRestoreJob.failed', 'ServerlessRestoreJob.status', 'ServerlessRestoreJob.isTerminal'],
  'ServerlessBackupRestoreJob.finishedAt': ['ServerlessRestoreJob.finishedAt', 'ServerlessRestoreJob.status', 'ServerlessRestoreJob.isTerminal'],
  'ServerlessBackupRestoreJob.id': ['ServerlessRestoreJob.jobId', 'ServerlessRestoreJob.id'],
  'ServerlessBackupRestoreJob.links': 'ServerlessRestoreJob.links',
  'ServerlessBackupRestoreJob.links.href': 'ServerlessRestoreJob.links.href',
  'ServerlessBackupRestoreJob.links.rel': 'ServerlessRestoreJob.links.rel',
  'ServerlessBackupRestoreJob.oplogInc': 'ServerlessRestoreJob.oplogTimestamp.increment',
  'ServerlessBackupRestoreJob.oplogTs': ['ServerlessRestoreJob.oplogTimestamp', 'ServerlessRestoreJob.oplogTimestamp.date'],
  'ServerlessBackupRestoreJob.pointInTimeUTCSeconds': 'ServerlessRestoreJob.pointInTime',
  'ServerlessBackupRestoreJob.snapshotId': 'ServerlessRestoreJob.snapshotId',
  'ServerlessBackupRestoreJob.targetClusterName': 'ServerlessRestoreJob.targetClusterName',
  'ServerlessBackupRestoreJob.targetGroupId': 'ServerlessRestoreJob.targetProjectId',
  'ServerlessBackupRestoreJob.timestamp': 'ServerlessRestoreJob.snapshotTakenAt',
};

/**
 * Fields of the four job types that no response property feeds, and why: the graph's own (`kind`), or the request
 * path's (serverless bodies carry no project or cluster). Every other field must be a target of SPEC_FIELD_MAP.
 */
export const DERIVED_FIELDS: Readonly<Record<string, string>> = {
  'LegacyBackupRestoreJob.kind': 'the graph: always LEGACY_BACKUP',
  'LegacyBackupRestoreJob.finishedAt': 'the graph: always null, the API has no finish time',
  'SharedTierRestoreJob.kind': 'the graph: always SHARED_TIER',
  'FlexRestoreJob.kind': 'the graph: always FLEX',
  'ServerlessRestoreJob.kind': 'the graph: always SERVERLESS',
  'ServerlessRestoreJob.projectId': 'the request path (the body has no project)',
  'ServerlessRestoreJob.clusterName': 'the request path (the body has no instance name)',
  'ServerlessRestoreJob.atlasStatus': 'the graph: always null, serverless jobs carry flags, not a status word',
  'ServerlessRestoreJob.createdAt': 'the graph: always null, the API has no request time',
  'LegacyBackupRestoreJob.servedBy': 'routing: the API whose answer built the job',
  'LegacyBackupRestoreJob.requestedKind': 'routing: the kind the query asked for',
  'SharedTierRestoreJob.servedBy': 'routing: the API whose answer built the job',
  'SharedTierRestoreJob.requestedKind': 'routing: the kind the query asked for',
  'FlexRestoreJob.servedBy': 'routing: the API whose answer built the job',
  'FlexRestoreJob.requestedKind': 'routing: the kind the query asked for',
  'ServerlessRestoreJob.servedBy': 'routing: the API whose answer built the job',
  'ServerlessRestoreJob.requestedKind': 'routing: the kind the query asked for',
};
