import type { MessageTable } from '../../i18n';
import { drawMessages } from '../draws/messages';

const common: MessageTable = {
  'governance.region_unknown': { 'zh-CN': '行政区划不存在：{field}', en: 'Unknown region: {field}' },
};

/** Every governance capability's texts, registered with one line in src/i18n/all-messages.ts. */
export const governanceMessages: MessageTable = { ...common, ...drawMessages };
