import type { MessageTable } from '../../i18n';

export const supplyMessages: MessageTable = {
  'supply.store_unknown': { 'zh-CN': '物资库不存在：{field}', en: 'No such store: {field}' },
  'supply.store_place': { 'zh-CN': '物资库须属于一所学校或一个教育局（行政区划），二者选一', en: 'A store belongs to one school or one bureau (region), not both' },
  'supply.quantity': { 'zh-CN': '数量须为正整数（盘点调整可为负数，但不能为 0）', en: 'The quantity must be positive (a stocktake adjustment may be negative, never 0)' },
  'supply.insufficient_stock': { 'zh-CN': '库存不足（现有 {stock}）', en: 'Not enough stock (holding {stock})' },
  'supply.same_store': { 'zh-CN': '调出和调入的物资库不能相同', en: 'A delivery goes to another store' },
  'field.storeId': { 'zh-CN': '物资库', en: 'store' },
  'field.fromStoreId': { 'zh-CN': '调出库', en: 'from store' },
  'field.toStoreId': { 'zh-CN': '调入库', en: 'to store' },
  'field.quantity': { 'zh-CN': '数量', en: 'quantity' },
};
