import { createTestApp } from '@kith/core/testing';
import { describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';

// Regression: adding a unique index over values that repeat reached the database, which
// refused it, and the caller got a 500 KITH_INTERNAL (a package apply: KITH_PACKAGE_APPLY_FAILED
// with status 500). It is now refused with a coded 409 that counts the rows, before any DDL.
const databases = await testDatabases();

describe.each(databases)('a unique index over duplicate values on $name', (database) => {
  it('is refused with KITH_METADATA_UNIQUE_VIOLATED and the rows to fix, not a 500', async () => {
    const app = await createTestApp({ plugins: [salesFixture], databaseUrl: (await database.fresh()).url });
    try {
      const http = httpClient(app.server, app.adminHeaders);
      for (const city of ['Lima', 'Lima', 'Quito', null, null]) expect((await http.post('/api/v1/records/company', { name: `Co ${city}`, city })).status).toBe(201);
      const res = await http.post('/api/v1/metadata/entities/company/indexes', { fields: ['city'], unique: true });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'KITH_METADATA_UNIQUE_VIOLATED', field: 'city', violations: 2 });
      expect(res.body.detail).toMatch(/^2 company records share a city with another record/);
      // Rows without a value never clash; once the values differ the index is built.
      const lima = (await http.get('/api/v1/records/company?filter={"city":"Lima"}&limit=1')).body.data[0];
      await http.patch(`/api/v1/records/company/${lima.id}`, { city: 'Cusco', version: lima.version });
      expect((await http.post('/api/v1/metadata/entities/company/indexes', { fields: ['city'], unique: true })).status).toBe(201);
    } finally {
      await app.close();
    }
  });
});
