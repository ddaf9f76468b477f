import { createContext, useContext, type Resource } from 'solid-js';
import { hasRole, type Role, type Session } from '../api/session';

/** The session the shell already fetched, so pages can decide which controls to show without refetching. */
export const SessionContext = createContext<Resource<Session>>();

/**
 * Whether the signed-in user has at least `needed`. False while loading or
 * on error: controls appear once the role is known rather than flash and vanish.
 * The server enforces roles anyway; this only hides buttons that would 403.
 */
export function useHasRole(needed: Role): () => boolean {
  const session = useContext(SessionContext);
  return () => {
    if (!session || session.error || session.loading) return false;
    return hasRole(session()?.role, needed);
  };
}
