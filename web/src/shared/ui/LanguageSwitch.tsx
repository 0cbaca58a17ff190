import { GlobalOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { type Locale, useI18n } from '../i18n';

/** 中文 / English: also sets the `cg_locale` cookie so the server answers in the same language. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <span data-testid="language-switch" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }} title={t('app.language')}>
      <GlobalOutlined />
      <Segmented<Locale>
        size={size}
        value={locale}
        onChange={(v) => setLocale(v)}
        options={[
          { label: '中文', value: 'zh-CN' },
          { label: 'EN', value: 'en' },
        ]}
      />
    </span>
  );
}
