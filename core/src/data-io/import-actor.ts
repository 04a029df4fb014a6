import { accessStore } from '../auth/access-store.js';
import { userStore } from '../auth/user-store.js';
import type { Actor } from '../data/actor.js';
import type { SqlExecutor } from '../data/database.js';
import { KithError } from '../errors/index.js';
import type { ImportActorSnapshot } from './import-store.js';

/**
 * The importer as a background job (or the CLI's `--as`) acts: the user as they are now —
 * still active, with the roles they still hold (narrowed to the snapshot's roles, so a job
 * started with a one-role token stays within that role) — and channel `import`.
 */
export async function importActor(db: SqlExecutor, snapshot: ImportActorSnapshot): Promise<Actor> {
  if (snapshot.userId === null) return { userId: null, channel: 'import', isAdmin: snapshot.isAdmin };
  const user = await userStore.byId(db, snapshot.userId);
  if (!user || !user.active) {
    throw new KithError({ code: 'KITH_IMPORT_USER_INACTIVE', status: 403, message: `The user who started this import (id ${snapshot.userId}) is no longer active, so it does not run.` });
  }
  const access = await accessStore.load(db, user.id);
  return {
    userId: user.id,
    channel: 'import',
    isAdmin: snapshot.isAdmin && user.isAdmin,
    roles: access.roles.filter((r) => snapshot.roles.includes(r)),
    teamUserIds: access.teamUserIds,
    ...(snapshot.tokenId !== undefined ? { tokenId: snapshot.tokenId } : {}),
  };
}

/** What a background import remembers of the actor who started it. */
export function actorSnapshot(actor: Actor): ImportActorSnapshot {
  return { userId: actor.userId, isAdmin: actor.isAdmin === true, roles: [...(actor.roles ?? [])], ...(actor.tokenId !== undefined ? { tokenId: actor.tokenId } : {}) };
}
