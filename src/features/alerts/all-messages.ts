import type { MessageTable } from '../../i18n';
import { notificationMessages } from '../notifications/messages';
import { alertMessages } from './messages';

/** Early warning's texts: alerts, rule sets and notifications. */
export const earlyWarningMessages: MessageTable = { ...alertMessages, ...notificationMessages };
