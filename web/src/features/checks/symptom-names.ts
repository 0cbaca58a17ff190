import { useCallback } from 'react';
import diseases from '../../../../reference/school-diseases.json';
import { useI18n } from '../../shared/i18n';

const byCode = new Map(diseases.symptoms.map((s) => [s.code, s]));

/** The name of a symptom code of the school vocabulary (reference/school-diseases.json) in the user's language. */
export function useSymptomName(): (code: string) => string {
  const { locale } = useI18n();
  return useCallback((code: string) => {
    const s = byCode.get(code);
    return s ? (locale === 'en' ? s.nameEn : s.nameZh) : code;
  }, [locale]);
}
