import { useEffect, useRef, useState } from 'react';
import type { NotificationItem } from './api';

export type StreamMode = 'live' | 'polling';

/** How long to wait before opening the stream again after the server refused it (the list is polled meanwhile). */
const REOPEN_MS = 60_000;

/**
 * The caller's notifications as server-sent events from /api/notifications/stream. The browser
 * reconnects by itself (resuming after Last-Event-ID) when the server ends a stream; while the stream
 * is down, or when the browser has no EventSource, the mode is `polling` and the bell polls instead.
 */
export function useNotificationStream(onNotification: (n: NotificationItem) => void, onReady: () => void): StreamMode {
  const [mode, setMode] = useState<StreamMode>('polling');
  const handlers = useRef({ onNotification, onReady });
  useEffect(() => {
    handlers.current = { onNotification, onReady };
  }, [onNotification, onReady]);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      source = new EventSource('/api/notifications/stream', { withCredentials: true });
      source.addEventListener('ready', () => {
        setMode('live');
        handlers.current.onReady();
      });
      source.addEventListener('notification', (e) => {
        try {
          handlers.current.onNotification(JSON.parse((e as MessageEvent<string>).data) as NotificationItem);
        } catch {
          /* a malformed event is skipped; the list is re-read anyway */
        }
      });
      source.onerror = () => {
        setMode('polling');
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          if (!stopped) timer = setTimeout(open, REOPEN_MS);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, []);
  return mode;
}
