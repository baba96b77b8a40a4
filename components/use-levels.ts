import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { LEVELS_PORT, type Levels } from '@/utils/levels';

const SILENT: Levels = { mic: 0, ai: 0 };

/**
 * The live levels while `running`: a port to the session host (utils/levels.ts), held only while this UI is open
 * and a session runs, so the host measures and sends nothing otherwise. `key` changes (a reconnect) open a new port.
 */
export function useLevels(running: boolean, key: unknown): Levels {
  const [levels, setLevels] = useState<Levels>(SILENT);
  useEffect(() => {
    if (!running) {
      setLevels(SILENT);
      return;
    }
    const port = browser.runtime.connect({ name: LEVELS_PORT });
    port.onMessage.addListener((message) => setLevels(message as Levels));
    port.onDisconnect.addListener(() => setLevels(SILENT));
    return () => port.disconnect();
  }, [running, key]);
  return levels;
}
