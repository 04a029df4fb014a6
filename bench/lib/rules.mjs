import { createApp } from '@kith/core';
import { defineEntity, definePlugin } from '@kith/sdk';

const SYSTEM = { userId: null, channel: 'seed', isAdmin: true };
const STAGES = ['open', 'proposal', 'won', 'lost'];

const accountFields = {
  name: { type: 'text', required: true },
  region: { type: 'select', options: ['north', 'south', 'east', 'west'] },
  discountRate: { type: 'percent' },
};

const orderFields = {
  title: { type: 'text', required: true, maxLength: 200 },
  stage: { type: 'select', options: STAGES },
  amount: { type: 'decimal' },
  quantity: { type: 'integer' },
  probability: { type: 'percent' },
  closeDate: { type: 'date' },
  account: { type: 'relation', target: 'account', inverse: 'orders' },
};

const v = (name) => ({ var: name });

/**
 * What "20 active rules and formulas" on `order` means here: 8 validation rules, 8 formulas
 * (2 of them reading the parent account), 2 default formulas, and 2 roll-ups on the account
 * that every order write keeps current.
 */
const RULES = [
  { name: 'amount-positive', condition: { '<': [v('amount'), 0] }, fields: ['amount'] },
  { name: 'quantity-positive', condition: { '<': [v('quantity'), 0] }, fields: ['quantity'] },
  { name: 'probability-range', condition: { '>': [v('probability'), 100] }, fields: ['probability'] },
  { name: 'won-needs-amount', condition: { and: [{ '==': [v('stage'), 'won'] }, { '!': v('amount') }] }, fields: ['amount'] },
  { name: 'won-needs-date', condition: { and: [{ '==': [v('stage'), 'won'] }, { missing: ['closeDate'] }] }, fields: ['closeDate'] },
  { name: 'lost-no-probability', condition: { and: [{ '==': [v('stage'), 'lost'] }, { '>': [v('probability'), 0] }] }, fields: ['probability'] },
  { name: 'title-length', condition: { '<': [{ substr: [v('title'), 0, 1] }, ''] }, fields: ['title'] },
  { name: 'big-needs-account', condition: { and: [{ '>': [v('amount'), 1_000_000] }, { '!': v('account') }] }, fields: ['account'] },
].map((r) => ({ ...r, entity: 'order', message: `Rule ${r.name} failed.` }));

const FORMULAS = {
  weighted: { type: 'computed', resultType: 'decimal', formula: { '*': [v('amount'), { '/': [v('probability'), 100] }] } },
  unitPrice: { type: 'computed', resultType: 'decimal', formula: { if: [v('quantity'), { '/': [v('amount'), v('quantity')] }, null] } },
  isWon: { type: 'computed', resultType: 'boolean', formula: { '==': [v('stage'), 'won'] } },
  isOpen: { type: 'computed', resultType: 'boolean', formula: { in: [v('stage'), ['open', 'proposal']] } },
  bucket: { type: 'computed', resultType: 'text', formula: { if: [{ '>': [v('amount'), 5000] }, 'large', { '>': [v('amount'), 500] }, 'medium', 'small'] } },
  label: { type: 'computed', resultType: 'text', formula: { cat: [v('title'), ' (', v('stage'), ')'] } },
  region: { type: 'computed', resultType: 'text', formula: v('account.region') },
  net: { type: 'computed', resultType: 'decimal', formula: { '*': [v('amount'), { '-': [1, { '/': [v('account.discountRate'), 100] }] }] } },
  reference: { type: 'text', defaultFormula: { cat: ['O-', { var: '$today' }, '-', v('title')] } },
  priority: { type: 'select', options: ['high', 'normal'], defaultFormula: { if: [{ '>': [v('amount'), 5000] }, 'high', 'normal'] } },
};

const ROLLUPS = {
  openPipeline: { type: 'rollup', rollup: { relation: 'orders', op: 'sum', field: 'amount', where: { in: [v('stage'), ['open', 'proposal']] } } },
  orderCount: { type: 'rollup', rollup: { relation: 'orders', op: 'count' } },
};

/** The bench plugin with (`derived`) or without the 20 rules and formulas. */
function rulesPlugin(derived) {
  return definePlugin({
    id: 'bench-rules',
    version: '1.0.0',
    entities: [
      defineEntity({ name: 'account', fields: { ...accountFields, ...(derived ? ROLLUPS : {}) } }),
      defineEntity({ name: 'order', fields: { ...orderFields, ...(derived ? FORMULAS : {}) } }),
    ],
    rules: derived ? RULES : [],
  });
}

/** Order `i`, valid under every rule. */
function orderRow(i, accounts) {
  return {
    title: `Order ${i}`,
    stage: STAGES[i % 2],
    amount: 100 + (i % 97) * 13.5,
    quantity: 1 + (i % 9),
    probability: 10 * (i % 10),
    closeDate: `2026-${String(1 + (i % 12)).padStart(2, '0')}-15`,
    account: 1 + (i % accounts),
  };
}

/** Milliseconds per call of `write(i)` over `count` calls, one after another. */
async function timePerWrite(count, write) {
  const started = performance.now();
  for (let i = 0; i < count; i++) await write(i);
  return (performance.now() - started) / count;
}

/** The median of a list of numbers. */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Opens one app per variant on its own SQLite file, seeds accounts and orders, then times
 * creates and updates of orders in alternating rounds (so drift on a shared machine hits both
 * variants alike), each write in its own transaction as the API does it. A second pass runs the
 * writes inside one transaction per round, which takes the synchronous commit (fsync) out and
 * leaves what the rules, formulas and roll-ups themselves cost.
 */
export async function rulesWriteCost(files, { rounds = 5, writesPerRound = 300, accounts = 50, seedOrders = 5000 } = {}) {
  const apps = {
    plain: await createApp({ databaseUrl: `sqlite:${files.plain}`, plugins: [rulesPlugin(false)], logger: false, metadataPollMs: 0, worker: false }),
    derived: await createApp({ databaseUrl: `sqlite:${files.derived}`, plugins: [rulesPlugin(true)], logger: false, metadataPollMs: 0, worker: false }),
  };
  try {
    const versions = {};
    for (const [name, app] of Object.entries(apps)) {
      await app.records.bulkCreate('account', Array.from({ length: accounts }, (_, i) => ({ name: `Account ${i}`, region: ['north', 'south', 'east', 'west'][i % 4], discountRate: i % 20 })), SYSTEM);
      for (let start = 0; start < seedOrders; start += 1000) {
        await app.records.bulkCreate('order', Array.from({ length: Math.min(1000, seedOrders - start) }, (_, i) => orderRow(start + i, accounts)), SYSTEM);
      }
      versions[name] = new Map();
    }
    const samples = { create: { plain: [], derived: [] }, update: { plain: [], derived: [] }, createInTx: { plain: [], derived: [] }, updateInTx: { plain: [], derived: [] } };
    let next = seedOrders;
    const update = async (name, app, i, tx) => {
      const id = 1 + ((i * 7919) % seedOrders);
      const version = versions[name].get(id) ?? 1; // seeded at version 1, changed only here
      const after = await app.records.update('order', id, { amount: 200 + (i % 50), stage: STAGES[i % 3], account: 1 + ((i * 31) % accounts) }, version, SYSTEM, tx);
      versions[name].set(id, after.version);
    };
    for (let round = 0; round < rounds; round++) {
      // Warm-up round discarded (statement caches, JIT).
      const keep = round > 0;
      for (const [name, app] of Object.entries(apps)) {
        const base = next;
        const create = await timePerWrite(writesPerRound, (i) => app.records.create('order', orderRow(base + i, accounts), SYSTEM));
        const updateMs = await timePerWrite(writesPerRound, (i) => update(name, app, round * writesPerRound + i));
        const createInTx = await app.db.transaction((tx) => timePerWrite(writesPerRound, (i) => app.records.create('order', orderRow(base + writesPerRound + i, accounts), SYSTEM, tx)));
        const updateInTx = await app.db.transaction((tx) => timePerWrite(writesPerRound, (i) => update(name, app, (rounds + round) * writesPerRound + i, tx)));
        if (keep) {
          samples.create[name].push(create);
          samples.update[name].push(updateMs);
          samples.createInTx[name].push(createInTx);
          samples.updateInTx[name].push(updateInTx);
        }
      }
      next += 2 * writesPerRound;
    }
    // The roll-ups must have kept up: every account's count equals its live orders.
    const check = await apps.derived.db.reader.all('SELECT COUNT(*) FROM "account" a WHERE a."order_count" <> (SELECT COUNT(*) FROM "order" o WHERE o."account_id" = a."id" AND o."deleted_at" IS NULL)', []);
    const out = { rounds: rounds - 1, writesPerRound, rollupsConsistent: Number(check[0][0]) === 0 };
    for (const [kind, s] of Object.entries(samples)) {
      const plain = median(s.plain);
      const derived = median(s.derived);
      out[kind] = { plainMs: plain, derivedMs: derived, plainPerSec: 1000 / plain, derivedPerSec: 1000 / derived, addedMs: derived - plain };
    }
    return out;
  } finally {
    for (const app of Object.values(apps)) await app.close();
  }
}
