import { useEffect, useState } from 'preact/hooks';
import { IDLE_SESSION, sessionStateItem, type SessionState } from '@/utils/session-state';

/** UIs never own session state: they watch what the worker writes to storage.session. */
export function useSessionState(): SessionState {
  const [state, setState] = useState<SessionState>(IDLE_SESSION);
  useEffect(() => {
    void sessionStateItem.getValue().then(setState);
    return sessionStateItem.watch((next) => setState(next ?? IDLE_SESSION));
  }, []);
  return state;
}
