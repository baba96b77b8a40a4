import { useEffect, useState } from 'preact/hooks';
import { LEVELS_CHANNEL, SUBSCRIBE_EVERY_MS, type Levels, type LevelsMessage } from '@/utils/levels';

const SILENT: Levels = { mic: 0, ai: 0 };

/**
 * The live levels while `running`: this UI subscribes on the levels channel (utils/levels.ts) while it is open and a
 * session runs, saying so again every second, so the host measures and sends nothing when no UI wants them.
 */
export function useLevels(running: boolean): Levels {
  const [levels, setLevels] = useState<Levels>(SILENT);
  useEffect(() => {
    setLevels(SILENT);
    if (!running) return;
    const id = crypto.randomUUID();
    const channel = new BroadcastChannel(LEVELS_CHANNEL);
    const say = (kind: 'subscribe' | 'unsubscribe') => channel.postMessage({ kind, id } satisfies LevelsMessage);
    channel.addEventListener('message', ({ data }: MessageEvent<LevelsMessage>) => {
      if (data?.kind === 'levels') setLevels({ mic: data.mic, ai: data.ai });
    });
    say('subscribe');
    const timer = setInterval(() => say('subscribe'), SUBSCRIBE_EVERY_MS);
    const leave = () => say('unsubscribe');
    addEventListener('pagehide', leave);
    return () => {
      clearInterval(timer);
      removeEventListener('pagehide', leave);
      leave();
      channel.close();
    };
  }, [running]);
  return levels;
}
