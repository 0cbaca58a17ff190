import { Tag } from 'antd';
import { chinaToday } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';

const PENDING_RETURN = {
  'zh-CN': (date: string) => `已批准返校，${date}返校`,
  en: (date: string) => `Return accepted, back on ${date}`,
};

/**
 * An episode's status in the alert detail. An accepted return certificate closes the episode with the
 * certificate's return date, which may lie ahead: until that day the child is not back yet.
 */
export function EpisodeStatus({ status, closedOn }: { status: string; closedOn: string | null }) {
  const { tv, locale } = useI18n();
  if (status === 'closed' && closedOn && closedOn > chinaToday()) {
    return <Tag color="blue" data-testid="episode-return-pending">{PENDING_RETURN[locale === 'en' ? 'en' : 'zh-CN'](closedOn)}</Tag>;
  }
  return <>{tv('episodeStatus', status)}</>;
}
