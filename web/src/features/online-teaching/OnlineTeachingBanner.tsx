import { Alert } from 'antd';
import { useCan } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { usePeriods } from './api';

/** On the class check: the class is taught online that day, so the roll call is online attendance. */
export function OnlineTeachingBanner({ classId, date }: { classId: number; date: string }) {
  const { t } = useI18n();
  const can = useCan();
  const periods = usePeriods({ classId, date }, can('online_teaching.read') && classId > 0);
  const active = periods.data?.items.find((p) => p.activeOnDate);
  if (!active) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="check-online-teaching"
      title={t('onlineTeaching.checkBanner', { from: active.fromDate, to: active.lastDay })}
      description={t('onlineTeaching.checkBannerHint', { reason: active.reason })}
    />
  );
}
