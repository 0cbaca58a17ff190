import { Card, Descriptions, Empty, List } from 'antd';
import { useI18n } from '../../shared/i18n';
import type { PersonFileSection } from './api';

function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * A section another capability added to the person file. Its shape is not known here, so each item
 * is shown as label/value pairs (objects) or as a line (anything else).
 */
export function SectionView({ section }: { section: PersonFileSection }) {
  const { t, locale } = useI18n();
  const title = locale === 'en' ? section.title.en : section.title.zh;
  return (
    <Card size="small" title={title} data-testid={`section-${section.key}`}>
      {section.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('person.sectionEmpty')} />
      ) : (
        <List
          size="small"
          dataSource={section.items}
          renderItem={(item, i) => (
            <List.Item key={i}>
              {item && typeof item === 'object' && !Array.isArray(item) ? (
                <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
                  {Object.entries(item as Record<string, unknown>).map(([k, v]) => (
                    <Descriptions.Item key={k} label={k}>
                      {cell(v)}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              ) : (
                cell(item)
              )}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
