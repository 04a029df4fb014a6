// `pnpm bench:rules` (also a part of `pnpm bench`): record writes per second on SQLite with no
// rules and formulas on the entity, and with 20 of them (validation rules, formulas, formulas
// over the parent, default formulas, roll-ups on the parent). A benchmark: it prints figures and
// the target, it never fails on one.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { rulesWriteCost } from './lib/rules.mjs';

const ROUNDS = Number(process.env.KITH_BENCH_RULE_ROUNDS ?? 6);
const WRITES = Number(process.env.KITH_BENCH_RULE_WRITES ?? 300);
/** Added cost per write with 20 rules and formulas (issue 4). */
export const RULES_TARGET_MS = 1;

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const ms = (n) => n.toFixed(3);

export async function rulesBench(log = console.log) {
  const dir = mkdtempSync(join(os.tmpdir(), 'kith-bench-rules-'));
  try {
    log(`\nWrites with 0 vs 20 active rules and formulas on the entity (SQLite; ${ROUNDS - 1} rounds of ${fmt(WRITES)} writes per variant, medians)`);
    const r = await rulesWriteCost({ plain: join(dir, 'plain.db'), derived: join(dir, 'derived.db') }, { rounds: ROUNDS, writesPerRound: WRITES });
    const rows = [
      ['create, own transaction', r.create],
      ['update, own transaction', r.update],
      ['create, commit excluded', r.createInTx],
      ['update, commit excluded', r.updateInTx],
    ];
    log(`  ${'write'.padEnd(26)} ${'0 rules: writes/s'.padStart(18)} ${'20 rules: writes/s'.padStart(19)} ${'ms/write 0 → 20'.padStart(18)} ${'added ms'.padStart(9)}  target < ${RULES_TARGET_MS} ms`);
    for (const [label, x] of rows) {
      const verdict = x.addedMs < RULES_TARGET_MS ? 'PASS' : 'MISS';
      log(`  ${label.padEnd(26)} ${fmt(x.plainPerSec).padStart(18)} ${fmt(x.derivedPerSec).padStart(19)} ${`${ms(x.plainMs)} → ${ms(x.derivedMs)}`.padStart(18)} ${ms(x.addedMs).padStart(9)}  ${verdict}`);
    }
    log(`  the 20: 8 validation rules, 6 formulas over the order, 2 over its account, 2 default formulas, 2 roll-ups on the account; roll-ups consistent after the run: ${r.rollupsConsistent ? 'yes' : 'NO'}`);
    log('  updates change amount, stage and account, so each moves the order between accounts: both accounts\' roll-ups are recomputed.');
    return { ...r, targetMs: RULES_TARGET_MS };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await rulesBench();
