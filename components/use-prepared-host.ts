import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PANEL_PORT, workerMessenger } from '@/utils/messaging';

/**
 * Chrome: while this panel is open and no session runs, the worker keeps the session host loaded so that Start
 * does not wait for it (entrypoints/background/prepared-host.ts); the port tells it when the panel closes.
 */
export function usePreparedHost(running: boolean): void {
  useEffect(() => {
    if (import.meta.env.FIREFOX) return;
    const port = browser.runtime.connect({ name: PANEL_PORT });
    return () => port.disconnect();
  }, []);
  useEffect(() => {
    if (import.meta.env.FIREFOX || running) return;
    void workerMessenger.sendMessage('worker.prepareHost', undefined).catch(() => undefined);
  }, [running]);
}
