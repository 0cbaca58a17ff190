import type { MessageTable } from '../../i18n';

export const notificationMessages: MessageTable = {
  'notification.endpoint_one_owner': { 'zh-CN': '推送地址须属于一个地区或一所学校（二选一）：{field}', en: 'An endpoint belongs to either a region or a school: {field}' },
  'notification.endpoint_url_invalid': { 'zh-CN': '推送地址须为 http(s) 网址', en: 'The endpoint must be an http(s) URL' },
  'field.url': { 'zh-CN': '推送地址', en: 'URL' },
  'field.secret': { 'zh-CN': '加签密钥', en: 'signing secret' },
};
