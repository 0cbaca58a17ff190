import { Tag } from 'antd';
import { useI18n } from '../../shared/i18n';
import type { FootingMode } from './api';

export function ModeTag({ mode, testId }: { mode: FootingMode; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={mode === 'emergency' ? 'red' : 'green'} data-testid={testId} data-mode={mode}>
      {t(`footing.mode.${mode}`)}
    </Tag>
  );
}
