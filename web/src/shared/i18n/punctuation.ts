import type { Locale } from './types';

/** Lists and labels in the reader's language: 甲、乙 and 原因：… in Chinese, "a, b" and "Reason: …" in English. */
export const joinList = (locale: Locale | string, items: readonly string[]) => items.join(locale === 'en' ? ', ' : '、');
export const colon = (locale: Locale | string) => (locale === 'en' ? ': ' : '：');
