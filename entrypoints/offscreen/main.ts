import { serveSessionHost } from '@/utils/session-host';

// Chrome's session host: an offscreen document (USER_MEDIA, WEB_RTC, AUDIO_PLAYBACK) created by the worker.
serveSessionHost(document.querySelector<HTMLAudioElement>('#ai-voice')!);
