import { featureMessages } from './all-messages';
import { coreMessages } from './core-messages';
import { fieldLabels } from './field-labels';

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

/** Translates a code; `{name}` placeholders take `params`. Field names are translated by `fieldLabel`. */
export function t(locale: Locale, code: string, params: Record<string, unknown> = {}): string {
  const entry = messages.get(code);
  const template = entry ? entry[locale] : code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (key === 'field' && typeof value === 'string') return fieldLabel(locale, value);
    if (key === 'type' && code === 'validation.type' && typeof value === 'string') return jsonTypeNames(locale, value);
    return value === undefined ? `{${key}}` : String(value);
  });
}

const JSON_TYPES: Record<string, Record<Locale, string>> = {
  string: { 'zh-CN': '文本', en: 'text' },
  integer: { 'zh-CN': '整数', en: 'a whole number' },
  number: { 'zh-CN': '数字', en: 'a number' },
  boolean: { 'zh-CN': '是/否', en: 'true or false' },
  array: { 'zh-CN': '列表', en: 'a list' },
  object: { 'zh-CN': '对象', en: 'an object' },
  null: { 'zh-CN': '空值', en: 'null' },
};

/** JSON Schema type names ("string, null") as users read them: 文本或空值, text or null. */
export function jsonTypeNames(locale: Locale, types: string): string {
  const names = types.split(',').map((x) => x.trim()).filter(Boolean).map((x) => JSON_TYPES[x]?.[locale] ?? x);
  return names.join(locale === 'en' ? ' or ' : '或');
}

/** The field's label from the registry (`field-labels.ts`); a path is labelled segment by segment. */
export function fieldLabel(locale: Locale, field: string): string {
  const whole = labelOf(field);
  if (whole) return whole[locale];
  if (!/[./[]/.test(field)) return field;
  const parts: string[] = [];
  for (const segment of field.split(/[./[\]]+/).filter(Boolean)) {
    if (/^\d+$/.test(segment) && parts.length) {
      // A list position, counted from 1 as users count rows: 行程第 1 项, travel #1.
      const n = Number(segment) + 1;
      parts[parts.length - 1] += locale === 'en' ? ` #${n}` : `第 ${n} 项`;
    } else {
      parts.push(labelOf(segment)?.[locale] ?? segment);
    }
  }
  return parts.join(' › ');
}

function labelOf(name: string): { 'zh-CN': string; en: string } | undefined {
  return Object.hasOwn(fieldLabels, name) ? fieldLabels[name] : messages.get(`field.${name}`);
}

/** zh-CN unless the caller asks for English first. */
export function localeFromHeader(acceptLanguage: string | undefined, cookie?: string): Locale {
  if (cookie === 'en' || cookie === 'zh-CN') return cookie;
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
