import type { MessageTable } from '../../i18n';
import { hygieneMessages } from '../hygiene/messages';
import { noticeMessages } from '../notices/messages';
import { onlineTeachingMessages } from '../online-teaching/messages';
import { supplyMessages } from '../supplies/messages';
import { vaccinationMessages } from '../vaccination/messages';
import { staggerMessages } from '../stagger/messages';
import { venueCodeMessages } from '../venue-codes/messages';
import { gateMessages } from './messages';

/** Every campus-operations capability's texts, registered with one line in src/i18n/all-messages.ts. */
export const campusMessages: MessageTable = { ...venueCodeMessages, ...gateMessages, ...hygieneMessages, ...noticeMessages, ...staggerMessages, ...onlineTeachingMessages, ...supplyMessages, ...vaccinationMessages };
