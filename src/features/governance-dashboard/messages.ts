import type { MessageTable } from '../../i18n';
import { checklistMessages } from '../checklists/messages';
import { drawMessages } from '../draws/messages';
import { inspectionMessages } from '../inspections/messages';
import { pairingMessages } from '../pairing/messages';
import { planMessages } from '../plans/messages';
import { rectificationMessages } from '../rectification/messages';
import { selfReportMessages } from '../self-reports/messages';
import { taskForceMessages } from '../taskforces/messages';

const common: MessageTable = {
  'governance.region_unknown': { 'zh-CN': '行政区划不存在：{field}', en: 'Unknown region: {field}' },
};

/** Every governance capability's texts, registered with one line in src/i18n/all-messages.ts. */
export const governanceMessages: MessageTable = { ...common, ...drawMessages, ...checklistMessages, ...inspectionMessages, ...rectificationMessages, ...pairingMessages, ...selfReportMessages, ...taskForceMessages, ...planMessages };
