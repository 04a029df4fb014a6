import { measure } from './load.mjs';
import { fixedGet } from './load.mjs';

const PASSWORD = 'bench-password-123';
const LIST = `/api/v1/records/opportunity?filter=${encodeURIComponent(JSON.stringify({ stage: 'won' }))}&sort=-amount&limit=50`;

/** POSTs JSON as the admin; throws on a non-2xx answer. */
async function post(url, path, auth, body) {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Signs in as `email`; resolves to an Authorization header. */
async function bearer(url, email) {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  return `Bearer ${(await res.json()).token}`;
}

/**
 * The same list page (won opportunities by amount, 50) as the admin, as a rep with `team`
 * scope (5 people: 10 % of rows) and as a rep with `own` scope (2 %), both with the `margin`
 * field hidden. Users 2–6 are the reps (the admin is user 1).
 */
export async function permissionScenarios(kith, adminAuth) {
  const grant = (scope) => ({ opportunity: { create: scope, read: scope, edit: scope, delete: 'none', fields: { margin: { read: false, edit: false } } } });
  await post(kith.url, '/api/v1/metadata/roles', adminAuth, { name: 'bench-team', grants: grant('team') });
  await post(kith.url, '/api/v1/metadata/roles', adminAuth, { name: 'bench-own', grants: grant('own') });
  const team = await post(kith.url, '/api/v1/teams', adminAuth, { name: 'Bench team' });
  for (let i = 0; i < 5; i++) {
    await post(kith.url, '/api/v1/users', adminAuth, { email: `rep${i}@example.com`, name: `Rep ${i}`, password: PASSWORD, roles: [i === 0 ? 'bench-team' : 'bench-own'], teams: [team.id] });
  }
  const teamAuth = await bearer(kith.url, 'rep0@example.com');
  const ownAuth = await bearer(kith.url, 'rep1@example.com');
  const sample = async (auth) => (await (await fetch(`${kith.url}${LIST}`, { headers: { authorization: auth } })).json()).data;
  const [asTeam, asOwn] = [await sample(teamAuth), await sample(ownAuth)];
  const leaks = [...asTeam, ...asOwn].filter((r) => 'margin' in r).length + asTeam.filter((r) => r.rep < 2 || r.rep > 6).length + asOwn.filter((r) => r.rep !== 3).length;
  return {
    admin: await measure({ url: kith.url, request: fixedGet(LIST, { authorization: adminAuth }) }),
    team: await measure({ url: kith.url, request: fixedGet(LIST, { authorization: teamAuth }) }),
    own: await measure({ url: kith.url, request: fixedGet(LIST, { authorization: ownAuth }) }),
    rows: { team: asTeam.length, own: asOwn.length },
    leaks,
  };
}
