import { Tag } from 'antd';
import { useCallback } from 'react';
import { type MessageKey, useI18n } from '../../shared/i18n';
import type { RiskReason } from './api';

export const RISK_TAG_COLOUR: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green' };

export function RiskTag({ status, testId }: { status: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={RISK_TAG_COLOUR[status]} data-testid={testId}>
      {t(`risk.colours.${status}` as MessageKey)}
    </Tag>
  );
}

/** One reason as a sentence: the code says what, `ref` says which (a case, a sampling date, an isolation kind, an area). */
export function useReasonText(): (r: RiskReason) => string {
  const { t } = useI18n();
  return useCallback(
    (r: RiskReason) => {
      const ref = r.code === 'isolation' && typeof r.ref === 'string' ? t(`policies.kinds.${r.ref}` as MessageKey) : String(r.ref ?? r.reason ?? '');
      const text = t(`risk.reasons.${r.code}` as MessageKey, { ref });
      return text === `risk.reasons.${r.code}` ? `${r.code} ${ref}` : text;
    },
    [t],
  );
}
