import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { I18nContext, type Locale, initialLocale, makeI18n, persistLocale } from '../shared/i18n';

/** Language for the interface, antd's own texts and dayjs; the cookie carries it to the server. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    persistLocale(l);
    dayjs.locale(l === 'en' ? 'en' : 'zh-cn');
    return l;
  });
  const setLocale = useCallback((l: Locale) => {
    persistLocale(l);
    dayjs.locale(l === 'en' ? 'en' : 'zh-cn');
    setLocaleState(l);
  }, []);
  const value = useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
