import { createContext, useContext } from 'react';
import { en } from './en';
import type { Dictionary, Locale, MessageKey, Params, Translate } from './types';
import { zhCN } from './zh-CN';

export type { Locale, MessageKey, Translate } from './types';

const dictionaries: Record<Locale, Dictionary> = { 'zh-CN': zhCN, en };

export const LOCALE_COOKIE = 'cg_locale';
const STORAGE_KEY = 'cg_locale';

export function translate(locale: Locale, key: string, params?: Params): string {
  let node: unknown = dictionaries[locale];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const text = typeof node === 'string' ? node : key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Looks up an enum-like value (`role.class_teacher`) and falls back to the raw value if unknown. */
export function translateValue(locale: Locale, group: keyof Dictionary, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const text = translate(locale, `${group}.${value}`);
  return text === `${group}.${value}` ? value : text;
}

export function initialLocale(): Locale {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith(`${LOCALE_COOKIE}=`))?.split('=')[1];
  const stored = cookie ?? localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

/** Remembers the language and tells the server through the `cg_locale` cookie, so its messages follow. */
export function persistLocale(locale: Locale) {
  localStorage.setItem(STORAGE_KEY, locale);
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from many browsers schools use
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${365 * 24 * 3600}; samesite=lax`;
  document.documentElement.lang = locale;
}

export interface I18nValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  /** Enum values: `tv('role', account.role)`. */
  tv(group: keyof Dictionary, value: string | null | undefined): string;
}

export const I18nContext = createContext<I18nValue | null>(null);

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export const useT = (): Translate => useI18n().t;

export function makeI18n(locale: Locale, setLocale: (l: Locale) => void): I18nValue {
  return {
    locale,
    setLocale,
    t: (key: MessageKey, params?: Params) => translate(locale, key, params),
    tv: (group, value) => translateValue(locale, group, value),
  };
}
