import { accountMessages } from '../features/accounts/messages';
import { responseMessages } from '../features/cases/messages';
import { campusMessages } from '../features/gate/campus-messages';
import { governanceMessages } from '../features/governance-dashboard/messages';
import { gridMessages } from '../features/grid/messages';
import { leaveMessages } from '../features/leave/messages';
import { peopleMessages } from '../features/people/messages';
import { reentryMessages } from '../features/reentry/messages';
import { rosterMessages } from '../features/roster/messages';
import { schoolMessages } from '../features/schools/messages';
import { screeningMessages } from '../features/screening/messages';
import { testingMessages } from '../features/testing/messages';
import { earlyWarningMessages } from '../features/alerts/all-messages';
import type { MessageTable } from './index';

/** Every capability's message table, one line each. */
export const featureMessages: MessageTable[] = [governanceMessages, accountMessages, schoolMessages, peopleMessages, gridMessages, rosterMessages, campusMessages, responseMessages, earlyWarningMessages, leaveMessages, testingMessages, screeningMessages, reentryMessages];
