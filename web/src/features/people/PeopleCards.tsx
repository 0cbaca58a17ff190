import { RightOutlined } from '@ant-design/icons';
import { List, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../shared/i18n';
import type { PersonRow } from './api';

/** The people list on a phone: one line per person instead of a wide table. */
export function PeopleCards({ items, loading, total, page, pageSize, onPage }: {
  items: PersonRow[];
  loading: boolean;
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const { t, tv } = useI18n();
  return (
    <List<PersonRow>
      data-testid="people-table"
      loading={loading}
      dataSource={items}
      pagination={{ current: page, pageSize, total, onChange: onPage, size: 'small', showSizeChanger: false, hideOnSinglePage: true }}
      renderItem={(p) => (
        <List.Item data-testid="people-row" extra={<RightOutlined style={{ color: '#bbb' }} />}>
          <List.Item.Meta
            title={
              <Space size={6}>
                <Link to={`/people/${p.id}`}>{p.name}</Link>
                <Tag>{tv('kind', p.kind)}</Tag>
                {p.highRiskOccupation && <Tag color="red">{t('person.highRisk')}</Tag>}
              </Space>
            }
            description={
              <Space size={4} wrap style={{ fontSize: 12 }}>
                <span>{tv('gender', p.gender)}</span>
                <span>· {p.kind === 'staff' ? tv('staffRole', p.staffRole) : p.kind === 'co_resident' ? p.relation : p.className}</span>
                {p.studentNumber && <span>· {p.studentNumber}</span>}
                {p.phoneMasked && <span>· {p.phoneMasked}</span>}
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}
