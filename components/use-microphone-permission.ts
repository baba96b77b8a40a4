import { useEffect, useState } from 'preact/hooks';

/** The microphone permission as the browser reports it, kept current; 'asking' while a page asks for it itself. */
export type MicState = PermissionState | 'asking' | 'unknown';

export function useMicrophonePermission(): [MicState, (state: MicState) => void] {
  const [mic, setMic] = useState<MicState>('unknown');
  useEffect(() => {
    let status: PermissionStatus | undefined;
    void navigator.permissions
      ?.query({ name: 'microphone' as PermissionName })
      .then((s) => {
        status = s;
        setMic(s.state);
        s.onchange = () => setMic(s.state);
      })
      .catch(() => setMic('unknown'));
    return () => status && (status.onchange = null);
  }, []);
  return [mic, setMic];
}
