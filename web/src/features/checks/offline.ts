import { useSyncExternalStore } from 'react';
import { ApiError } from '../../shared/api/client';
import { type SubmitBody, sendCheck } from './api';

/**
 * Class checks the phone could not send yet, kept in localStorage in the order they were made and
 * sent in that order when the connection returns. Each keeps its Idempotency-Key, so a submission
 * that reached the server before the connection dropped is answered from the server's record, not
 * stored twice. A submission the server refuses (a conflict, a bad field) stays in the list with the
 * server's message until the teacher discards it, so nothing disappears unseen.
 */
export interface QueuedCheck {
  key: string;
  classId: number;
  body: SubmitBody;
  queuedAt: string;
  error?: { status: number; message: string };
}

const STORAGE_KEY = 'cg_check_queue';
const listeners = new Set<() => void>();
let cache: QueuedCheck[] | null = null;

function read(): QueuedCheck[] {
  if (cache) return cache;
  try {
    cache = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as QueuedCheck[];
  } catch {
    cache = [];
  }
  return cache;
}

function write(items: QueuedCheck[]) {
  cache = items;
  localStorage.setItem(STORAGE_KEY, JSON.stringify(items));
  for (const l of listeners) l();
}

export function enqueueCheck(item: QueuedCheck) {
  write([...read().filter((q) => q.key !== item.key), item]);
}

export function discardCheck(key: string) {
  write(read().filter((q) => q.key !== key));
}

let flushing: Promise<number> | null = null;

/** Sends what is queued, oldest first; stops at the first network failure. Returns how many were sent. */
export function flushQueue(): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    try {
      for (const item of [...read()]) {
        if (item.error) continue;
        try {
          await sendCheck(item.classId, item.key, { ...item.body, online: false });
          discardCheck(item.key);
          sent++;
        } catch (err) {
          if (err instanceof ApiError && err.status !== 0) {
            write(read().map((q) => (q.key === item.key ? { ...q, error: { status: err.status, message: err.message || err.code } } : q)));
            continue;
          }
          break;
        }
      }
    } finally {
      flushing = null;
    }
    return sent;
  })();
  return flushing;
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  const online = () => void flushQueue();
  const storage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY) {
      cache = null;
      l();
    }
  };
  window.addEventListener('online', online);
  window.addEventListener('storage', storage);
  return () => {
    listeners.delete(l);
    window.removeEventListener('online', online);
    window.removeEventListener('storage', storage);
  };
};

export const useCheckQueue = () => useSyncExternalStore(subscribe, read);
