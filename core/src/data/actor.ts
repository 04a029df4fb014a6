/** Through which door a change came (recorded with every write). */
export type Channel = 'api' | 'ui' | 'import' | 'rule' | 'plugin' | 'seed' | 'cli';

/** Who is acting: a user (or none for the system) and the channel. */
export interface Actor {
  readonly userId: number | null;
  readonly channel: Channel;
  /** Administrators bypass permissions. */
  readonly isAdmin?: boolean;
  /** The session or API token the request came with. */
  readonly tokenId?: number;
  /** The names of the actor's roles (a narrower API token carries only its one role). */
  readonly roles?: readonly string[];
  /** Every user who shares a team with the actor, the actor included ("team" scope). */
  readonly teamUserIds?: readonly number[];
}

/** The system acting on its own (seed data, migrations). */
export const SYSTEM_ACTOR: Actor = { userId: null, channel: 'seed', isAdmin: true };
