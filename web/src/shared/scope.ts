import type { Me } from './feature';
import type { I18nValue } from './i18n';

/**
 * A readable label for the account's scope. The server names it (regions, schools, classes, a parent's
 * children, a liaison's hospital); only the unrestricted scope has a client-side text.
 */
export function scopeText(me: Me, i18n: Pick<I18nValue, 't'>): string {
  if (me.account.scope.kind === 'all') return i18n.t('scope.all');
  return me.account.scopeLabel;
}
