import type { RecordInput, SeedContext } from '@kith/sdk';
import { ACCOUNTS, ACTIVITY_TEMPLATES, type AccountSeed } from './accounts.data.js';
import { daysFrom, random } from './random.js';

/** The demo's sales people, by e-mail (created with the demo users; owners are left empty when absent). */
export const DEMO_OWNER_EMAILS = ['ana.quispe@example.com', 'diego.flores@example.com', 'lucia.gomez@example.com', 'marta.ruiz@example.com'] as const;

/** `María Elena` → `maria.elena`: the local part of a company e-mail. */
export function mailbox(first: string, last: string): string {
  const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '');
  return `${fold(first)}.${fold(last.split(' ')[0]!)}`;
}

/** The demo's accounts, contacts and activities as record inputs (owners and ids resolved by the caller). */
export function crmSeedRows(reference: Date) {
  const rng = random(2024);
  const accounts = ACCOUNTS.map((a: AccountSeed): RecordInput => ({
    name: a.name,
    type: a.type,
    industry: a.industry,
    size: a.size,
    employees: a.employees,
    annualRevenue: a.revenue,
    website: `https://www.${a.domain}`,
    phone: a.phone,
    taxId: a.taxId,
    billingAddress: a.address,
    ...(a.type === 'customer' ? { abcClass: a.revenue.currency === 'USD' && a.revenue.amount > 100_000_000 ? 'A' : 'B' } : {}),
  }));
  const contacts = ACCOUNTS.flatMap((a, accountIndex) =>
    a.contacts.map((c) => ({
      accountIndex,
      values: {
        name: { first: c.first, last: c.last },
        jobTitle: c.jobTitle,
        role: c.role,
        email: `${mailbox(c.first, c.last)}@${a.domain}`,
        ...(c.phone ? { mobile: c.phone } : {}),
        phone: a.phone,
        language: c.language,
        ...(c.consent
          ? { consentChannels: c.consent === 'email' ? ['email'] : ['email', 'phone'], consentGivenAt: daysFrom(reference, -rng.int(60, 700)), consentSource: rng.pick(['web-form', 'event', 'contract'] as const) }
          : {}),
      } as RecordInput,
    })),
  );
  const types = Object.keys(ACTIVITY_TEMPLATES) as (keyof typeof ACTIVITY_TEMPLATES)[];
  const activities: { accountIndex: number; contactIndex: number | undefined; values: RecordInput }[] = [];
  ACCOUNTS.forEach((a, accountIndex) => {
    const people = contacts.map((c, i) => ({ c, i })).filter(({ c }) => c.accountIndex === accountIndex);
    const count = a.type === 'customer' ? rng.int(6, 10) : rng.int(2, 5);
    for (let n = 0; n < count; n++) {
      const type = rng.pick(types);
      const planned = n === 0 && rng.chance(0.6);
      const when = planned ? daysFrom(reference, rng.int(1, 14), rng.int(9, 17)) : daysFrom(reference, -rng.int(1, 150), rng.int(8, 18));
      const person = people.length > 0 ? rng.pick(people) : undefined;
      activities.push({
        accountIndex,
        contactIndex: type === 'note' ? undefined : person?.i,
        values: {
          subject: rng.pick(ACTIVITY_TEMPLATES[type]),
          type,
          status: planned ? 'planned' : 'done',
          occurredAt: when,
          ...(type === 'task' || planned ? { dueAt: when } : {}),
          ...(planned ? {} : { doneAt: when }),
          ...(type === 'call' ? { channel: 'phone', direction: rng.pick(['inbound', 'outbound'] as const), ...(planned ? {} : { outcome: rng.pick(['connected', 'no-answer', 'follow-up', 'meeting-booked'] as const) }) } : {}),
          ...(type === 'email' ? { channel: 'email', direction: 'outbound' } : {}),
          ...(type === 'visit' ? { channel: 'in-person', ...(planned ? {} : { outcome: 'completed' }) } : {}),
          ...(type === 'meeting' ? { channel: rng.pick(['video', 'in-person'] as const) } : {}),
        },
      });
    }
  });
  return { accounts, contacts, activities };
}

/** crm's demo data: the accounts of Andes Industrial Supply, their people and the team's recent activities. */
export async function seedCrm(ctx: SeedContext): Promise<void> {
  const rows = crmSeedRows(new Date());
  const owners: (number | undefined)[] = [];
  for (const email of DEMO_OWNER_EMAILS) owners.push((await ctx.users.byEmail(email))?.id);
  const owner = (index: number) => (owners[index % owners.length] === undefined ? {} : { owner: owners[index % owners.length] });

  // Parents first, so subsidiaries can point at them.
  const order = ACCOUNTS.map((a, i) => i).sort((x, y) => Number(ACCOUNTS[x]!.parent !== undefined) - Number(ACCOUNTS[y]!.parent !== undefined));
  const accountIds: number[] = [];
  const byKey = new Map<string, number>();
  for (const i of order) {
    const seed = ACCOUNTS[i]!;
    const parent = seed.parent === undefined ? {} : { parent: byKey.get(seed.parent) };
    const created = await ctx.records.create('account', { ...rows.accounts[i], ...parent, ...owner(seed.owner) });
    accountIds[i] = created.id;
    byKey.set(seed.key, created.id);
  }
  const contacts = await ctx.records.bulkCreate(
    'contact',
    rows.contacts.map((c) => ({ ...c.values, account: accountIds[c.accountIndex], ...owner(ACCOUNTS[c.accountIndex]!.owner) })),
  );
  await ctx.records.bulkCreate(
    'activity',
    rows.activities.map((a) => ({
      ...a.values,
      account: accountIds[a.accountIndex],
      ...(a.contactIndex === undefined ? {} : { contact: contacts[a.contactIndex]!.id }),
      ...owner(ACCOUNTS[a.accountIndex]!.owner),
    })),
  );
  ctx.log.info({ accounts: accountIds.length, contacts: contacts.length, activities: rows.activities.length }, 'crm demo data written');
}
