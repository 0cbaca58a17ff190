import { featureMessages } from './all-messages';
import { coreMessages } from './core-messages';

export type Locale = 'zh-CN' | 'en';
export type MessageTable = Record<string, { 'zh-CN': string; en: string }>;

const tables: MessageTable[] = [coreMessages, ...featureMessages];
const messages = new Map<string, { 'zh-CN': string; en: string }>();
for (const t of tables) registerMessages(t);

/** Capabilities register their own error and notification texts at import time. */
export function registerMessages(table: MessageTable): void {
  for (const [code, text] of Object.entries(table)) messages.set(code, text);
}

export function hasMessage(code: string): boolean {
  return messages.has(code);
}

/** Translates a code; `{name}` placeholders take `params`. Field names are translated via `field.<name>`. */
export function t(locale: Locale, code: string, params: Record<string, unknown> = {}): string {
  const entry = messages.get(code);
  const template = entry ? entry[locale] : code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (key === 'field' && typeof value === 'string') return fieldLabel(locale, value);
    return value === undefined ? `{${key}}` : String(value);
  });
}

export function fieldLabel(locale: Locale, field: string): string {
  const entry = messages.get(`field.${field}`);
  return entry ? entry[locale] : field;
}

/** zh-CN unless the caller asks for English first. */
export function localeFromHeader(acceptLanguage: string | undefined, cookie?: string): Locale {
  if (cookie === 'en' || cookie === 'zh-CN') return cookie;
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
