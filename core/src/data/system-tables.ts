import { EntitySchema } from '@mikro-orm/core';
import type { Dialect } from '../metadata/field-types/field-type.js';

/**
 * Kith's own tables (prefix `kith_`, which entity names may not use): the stored
 * customisations, key/value state such as the metadata revision, installed plugins, and
 * the columns of removed fields that are kept for recovery, users and tokens, and the audit
 * log of record changes.
 */
export function systemTableSchemas(dialect: Dialect): EntitySchema[] {
  const json = dialect === 'postgresql' ? { type: 'json', columnType: 'jsonb' } : { type: 'text', columnType: 'text' };
  const datetime = dialect === 'postgresql' ? { type: 'datetime', columnType: 'timestamptz(3)' } : { type: 'text', columnType: 'text' };
  return [
    new EntitySchema({
      name: 'KithCustomisation',
      tableName: 'kith_customisation',
      properties: {
        seq: { type: 'integer', primary: true, autoincrement: true },
        kind: { type: 'string', columnType: 'varchar(32)' },
        entity_id: { type: 'string', columnType: 'varchar(200)' },
        field_id: { type: 'string', columnType: 'varchar(200)', nullable: true },
        payload: json,
        created_at: datetime,
        created_by: { type: 'integer', nullable: true },
      } as never,
    }),
    new EntitySchema({
      name: 'KithState',
      tableName: 'kith_state',
      properties: {
        key: { type: 'string', columnType: 'varchar(100)', primary: true },
        value: { type: 'text', columnType: 'text' },
      } as never,
    }),
    new EntitySchema({
      name: 'KithPlugin',
      tableName: 'kith_plugin',
      properties: {
        id: { type: 'string', columnType: 'varchar(100)', primary: true },
        version: { type: 'string', columnType: 'varchar(50)' },
        state: { type: 'string', columnType: 'varchar(20)' },
        installed_at: datetime,
        seeded_at: { ...datetime, nullable: true },
      } as never,
    }),
    new EntitySchema({
      name: 'KithRemovedColumn',
      tableName: 'kith_removed_column',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        entity: { type: 'string', columnType: 'varchar(100)' },
        field: json,
        column_name: { type: 'string', columnType: 'varchar(100)' },
        archived_as: { type: 'string', columnType: 'varchar(120)' },
        removed_at: datetime,
        removed_by: { type: 'integer', nullable: true },
      } as never,
    }),
      new EntitySchema({
      name: 'KithUser',
      tableName: 'kith_user',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        email: { type: 'string', columnType: 'varchar(254)', unique: 'kith_user_email_uniq' },
        name: { type: 'string', columnType: 'varchar(200)' },
        password_hash: { type: 'string', columnType: 'varchar(200)', nullable: true },
        is_admin: dialect === 'postgresql' ? { type: 'boolean', columnType: 'boolean' } : { type: 'integer', columnType: 'integer' },
        active: dialect === 'postgresql' ? { type: 'boolean', columnType: 'boolean' } : { type: 'integer', columnType: 'integer' },
        created_at: datetime,
      } as never,
    }),
    new EntitySchema({
      name: 'KithToken',
      tableName: 'kith_token',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        user_id: { type: 'integer', index: 'kith_token_user_idx' },
        kind: { type: 'string', columnType: 'varchar(16)' },
        name: { type: 'string', columnType: 'varchar(200)' },
        token_hash: { type: 'string', columnType: 'varchar(64)', unique: 'kith_token_hash_uniq' },
        created_at: datetime,
        expires_at: { ...datetime, nullable: true },
        revoked_at: { ...datetime, nullable: true },
        // An API token narrowed to one of its user's roles; null: all of them.
        role: { type: 'string', columnType: 'varchar(100)', nullable: true },
      } as never,
    }),
    new EntitySchema({
      name: 'KithTeam',
      tableName: 'kith_team',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        name: { type: 'string', columnType: 'varchar(200)', unique: 'kith_team_name_uniq' },
        created_at: datetime,
      } as never,
    }),
    new EntitySchema({
      name: 'KithTeamMember',
      tableName: 'kith_team_member',
      properties: {
        team_id: { type: 'integer', primary: true },
        // A user's teams (and so their team mates) are looked up on every token resolution.
        user_id: { type: 'integer', primary: true, index: 'kith_team_member_user_idx' },
      } as never,
    }),
    new EntitySchema({
      name: 'KithUserRole',
      tableName: 'kith_user_role',
      properties: {
        user_id: { type: 'integer', primary: true },
        // A role's name as role definitions (metadata) use it.
        role: { type: 'string', columnType: 'varchar(100)', primary: true },
      } as never,
    }),
    new EntitySchema({
      name: 'KithAudit',
      tableName: 'kith_audit',
      properties: {
        // Every write adds a row, so PostgreSQL gets a 64-bit id (SQLite's rowid is 64-bit already).
        id: dialect === 'postgresql' ? { type: 'bigint', primary: true, autoincrement: true } : { type: 'integer', primary: true, autoincrement: true },
        at: datetime,
        entity: { type: 'string', columnType: 'varchar(100)' },
        record_id: { type: 'integer' },
        action: { type: 'string', columnType: 'varchar(16)' },
        user_id: { type: 'integer', nullable: true },
        token_id: { type: 'integer', nullable: true },
        channel: { type: 'string', columnType: 'varchar(16)' },
        changes: json,
      } as never,
      // A record's history, newest first, is one index range.
      indexes: [{ name: 'kith_audit_record_idx', properties: ['entity', 'record_id', 'id'] }] as never,
    }),
    new EntitySchema({
      name: 'KithJob',
      tableName: 'kith_job',
      properties: {
        // The outbox of the durable job queue (core/src/queue): rows come and go with every triggered action.
        id: dialect === 'postgresql' ? { type: 'bigint', primary: true, autoincrement: true } : { type: 'integer', primary: true, autoincrement: true },
        kind: { type: 'string', columnType: 'varchar(100)' },
        payload: json,
        run_at: datetime,
        attempts: { type: 'integer' },
        max_attempts: { type: 'integer' },
        state: { type: 'string', columnType: 'varchar(16)' },
        locked_by: { type: 'string', columnType: 'varchar(100)', nullable: true },
        locked_until: { ...datetime, nullable: true },
        last_error: { type: 'text', columnType: 'text', nullable: true },
        idempotency_key: { type: 'string', columnType: 'varchar(200)', nullable: true, unique: 'kith_job_idempotency_key_uniq' },
        depth: { type: 'integer' },
        created_at: datetime,
        finished_at: { ...datetime, nullable: true },
      } as never,
      // A claim reads the oldest due jobs of a state in index order (id breaks ties without a sort).
      indexes: [{ name: 'kith_job_due_idx', properties: ['state', 'run_at', 'id'] }] as never,
    }),
    new EntitySchema({
      name: 'KithWorkflowRun',
      tableName: 'kith_workflow_run',
      properties: {
        // One row per workflow run (core/src/workflows): what triggered it, which version ran, each step.
        id: dialect === 'postgresql' ? { type: 'bigint', primary: true, autoincrement: true } : { type: 'integer', primary: true, autoincrement: true },
        workflow_id: { type: 'string', columnType: 'varchar(100)' },
        workflow_version: { type: 'integer' },
        job_id: { type: 'bigint', unique: 'kith_workflow_run_job_uniq' },
        trigger: json,
        entity: { type: 'string', columnType: 'varchar(100)', nullable: true },
        record_id: { type: 'integer', nullable: true },
        status: { type: 'string', columnType: 'varchar(16)' },
        attempts: { type: 'integer' },
        steps: json,
        error: { type: 'text', columnType: 'text', nullable: true },
        started_at: datetime,
        finished_at: { ...datetime, nullable: true },
      } as never,
      indexes: [{ name: 'kith_workflow_run_wf_idx', properties: ['workflow_id', 'id'] }] as never,
    }),
    new EntitySchema({
      name: 'KithNotification',
      tableName: 'kith_notification',
      properties: {
        // In-app notifications (the workflow action "notify"), read by their user.
        id: dialect === 'postgresql' ? { type: 'bigint', primary: true, autoincrement: true } : { type: 'integer', primary: true, autoincrement: true },
        user_id: { type: 'integer' },
        title: { type: 'string', columnType: 'varchar(300)' },
        body: { type: 'text', columnType: 'text', nullable: true },
        entity: { type: 'string', columnType: 'varchar(100)', nullable: true },
        record_id: { type: 'integer', nullable: true },
        workflow_id: { type: 'string', columnType: 'varchar(100)', nullable: true },
        created_at: datetime,
        read_at: { ...datetime, nullable: true },
      } as never,
      indexes: [{ name: 'kith_notification_user_idx', properties: ['user_id', 'id'] }] as never,
    }),
    new EntitySchema({
      name: 'KithDashboard',
      tableName: 'kith_dashboard',
      properties: {
        // Saved reports shown together as charts (core/src/reports): personal, or shared with everyone.
        id: { type: 'integer', primary: true, autoincrement: true },
        name: { type: 'string', columnType: 'varchar(200)' },
        description: { type: 'text', columnType: 'text', nullable: true },
        owner_id: { type: 'integer' },
        shared: dialect === 'postgresql' ? { type: 'boolean', columnType: 'boolean' } : { type: 'integer', columnType: 'integer' },
        widgets: json,
        version: { type: 'integer' },
        created_at: datetime,
        updated_at: datetime,
      } as never,
      indexes: [{ name: 'kith_dashboard_owner_idx', properties: ['owner_id', 'id'] }] as never,
    }),
  ];
}
