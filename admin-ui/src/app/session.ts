import { createContext, useContext } from 'react';
import type { EntityMeta, Me } from '../api/types.js';

/** The signed-in user and the entities they may read. */
export interface Session {
  readonly me: Me;
  readonly entities: readonly EntityMeta[];
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The session (screens below the shell are only rendered when signed in). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in shell');
  return session;
}
