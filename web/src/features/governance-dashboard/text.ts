import { useI18n } from '../../shared/i18n';

/** Picks a feature's own texts for the current language; the shared dictionaries hold only menu labels. */
export function useText<T>(table: { 'zh-CN': T; en: T }): T {
  const { locale } = useI18n();
  return table[locale === 'en' ? 'en' : 'zh-CN'];
}

export const fmtTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');
