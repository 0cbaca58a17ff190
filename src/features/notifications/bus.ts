import { EventEmitter } from 'node:events';

/**
 * Wakes this process's live streams and dispatcher after a commit. Only a hint: streams also poll the
 * notifications table, so an instance that did not make the change still delivers it.
 */
export const notificationBus = new EventEmitter();
notificationBus.setMaxListeners(0);

export function announceCommitted(accountIds: number[]): void {
  notificationBus.emit('committed', accountIds);
}
