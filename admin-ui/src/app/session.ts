import { createContext, useContext } from 'react';
import type { EntityMeta, Me, UiContributions } from '../api/types.js';

/** The signed-in user and the entities they may read. */
export interface Session {
  readonly me: Me;
  readonly entities: readonly EntityMeta[];
  /** What the running plugins add to the UI for this user: menu entries and record panels. */
  readonly contributions: UiContributions;
  signOut(): Promise<void>;
  /** Reloads the metadata after a consultant changed it (entities, fields, roles). */
  refresh(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The session (screens below the shell are only rendered when signed in). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in shell');
  return session;
}
