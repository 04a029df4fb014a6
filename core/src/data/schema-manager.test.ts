import { EntitySchema } from '@mikro-orm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../tests/support/databases.js';
import { parseDatabaseUrl } from './database-url.js';
import { SchemaManager } from './schema-manager.js';
import { systemTableSchemas } from './system-tables.js';

const databases = await testDatabases();

function dealSchema(dialect: string, extra: Record<string, object> = {}): EntitySchema {
  const text = dialect === 'postgresql' ? { type: 'string', columnType: 'varchar(200)' } : { type: 'text', columnType: 'text' };
  const real = dialect === 'postgresql' ? { type: 'decimal', columnType: 'numeric(19,4)' } : { type: 'double', columnType: 'real' };
  return new EntitySchema({
    name: 'Kith_deal',
    tableName: 'deal',
    properties: {
      id: { type: 'integer', primary: true, autoincrement: true },
      title: { ...text, nullable: true },
      amount: { ...real, nullable: true },
      stage: { ...text, nullable: true },
      ...extra,
    } as never,
    indexes: [{ name: 'deal_stage_amount_idx', properties: ['stage', 'amount', 'id'] as never }],
  });
}

describe.each(databases)('schema manager on $name', (database) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('creates tables, is a no-op when nothing changed, and adds a column in place', async () => {
    const fresh = await database.fresh();
    const target = parseDatabaseUrl(fresh.url);
    if (target.dialect === 'postgresql') {
      const pg = await import('pg');
      const c = new pg.default.Client({ connectionString: target.url });
      await c.connect();
      await c.query(`create schema if not exists "${target.schema}"`);
      await c.end();
    }
    const manager = await SchemaManager.open(target, (fn) => fn());
    cleanups.push(async () => {
      await manager.close();
      await fresh.drop();
    });
    const first = await manager.sync([...systemTableSchemas(target.dialect), dealSchema(target.dialect)]);
    expect(first.sql).toMatch(/create table/i);
    const again = await manager.plan([...systemTableSchemas(target.dialect), dealSchema(target.dialect)]);
    expect(again.trim()).toBe('');
    const extra = { probability: { type: 'integer', nullable: true } };
    const add = await manager.sync([...systemTableSchemas(target.dialect), dealSchema(target.dialect, extra)]);
    expect(add.sql).toMatch(/alter table .*add column .*probability/i);
    expect(add.sql).not.toMatch(/drop|create table/i);
    const after = await manager.plan([...systemTableSchemas(target.dialect), dealSchema(target.dialect, extra)]);
    expect(after.trim()).toBe('');
    // Regression: a column gone from the model plus a new one of the same type is NOT a rename.
    const swapped = { score: { type: 'integer', nullable: true } };
    const noRename = await manager.sync([...systemTableSchemas(target.dialect), dealSchema(target.dialect, swapped)]);
    expect(noRename.sql).not.toMatch(/rename/i);
    expect(noRename.sql).toMatch(/add column .*score/i);
  });
});
