/** The six deal stages; seeded rows are spread evenly over them. */
export const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];

/** The `deal` table's columns as Kith creates them, with the keys Kith's API returns (the raw routes return the same objects). */
export const DEAL_COLUMNS = [
  ['id', 'id'],
  ['version', 'version'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
  ['created_by', 'createdBy'],
  ['updated_by', 'updatedBy'],
  ['title', 'title'],
  ['stage', 'stage'],
  ['amount', 'amount'],
  ['owner', 'owner'],
  ['close_date', 'closeDate'],
];

/** `"id", "version", …` */
export const DEAL_SELECT = DEAL_COLUMNS.map(([c]) => `"${c}"`).join(', ');

/** A row (array in DEAL_COLUMNS order) → the record object the API returns. */
export function dealRecord(row) {
  const out = {};
  for (let i = 0; i < DEAL_COLUMNS.length; i++) out[DEAL_COLUMNS[i][1]] = row[i] ?? null;
  return out;
}

/** The body every 10-connection create sends (stage `lead`, so the `won` list page is not disturbed). */
export const CREATE_BODY = { title: 'Bench deal', stage: 'lead', amount: 1234.5, owner: 'bench', closeDate: '2026-06-30' };

/** The body of the 20-connection creates: a distinct owner lets the run count exactly those rows on disk. */
export const CONCURRENT_BODY = { ...CREATE_BODY, owner: 'bench-c20' };
