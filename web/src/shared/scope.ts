import type { Me } from './feature';
import type { I18nValue } from './i18n';

/** A readable label for the account's scope (the server names regions, schools and classes itself). */
export function scopeText(me: Me, i18n: Pick<I18nValue, 't'>): string {
  const s = me.account.scope;
  if (s.kind === 'all') return i18n.t('scope.all');
  if (s.kind === 'children') return i18n.t('scope.children', { n: s.personIds?.length ?? 0 });
  if (s.kind === 'schools') return i18n.t('scope.schools', { n: s.schoolIds?.length ?? 0 });
  return me.account.scopeLabel;
}
