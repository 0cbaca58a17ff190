import { PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Breadcrumb, Card, Col, Descriptions, Empty, List, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useCan } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { PersonRiskCard, type TravelRecord } from '../risk/PersonRiskCard';
import { type PersonRow, usePersonFile } from './api';
import { MaskedValue } from './MaskedValue';
import { SectionView } from './SectionView';

/** 一人一档: everything about one person, identifiers masked unless the server allows and the user asks. */
export function PersonPage() {
  const { t, tv } = useI18n();
  const personId = Number(useParams().personId);
  const query = usePersonFile(personId);
  const canDo = useCan();
  if (query.isPending) return <Skeleton active />;
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const { person: p, guardians, household, sections, can } = query.data;
  // The server sends only what the account may read; the risk card (reasons, history, travel) goes with the risk section.
  const riskCard = canDo('risk.read') && sections.some((s) => s.key === 'risk');
  const item = (label: string, value: React.ReactNode, show = true) =>
    show ? (
      <Descriptions.Item key={label} label={label}>
        {value ?? '—'}
      </Descriptions.Item>
    ) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to={`/schools/${p.schoolId}`}>{p.schoolName}</Link> },
          ...(p.classId ? [{ title: <Link to={`/schools/${p.schoolId}/classes/${p.classId}`}>{p.className}</Link> }] : []),
          { title: p.name },
        ]}
      />
      <Card data-testid="person-file">
        <Space align="center" style={{ marginBottom: 16 }} wrap>
          <Avatar size={48} icon={<UserOutlined />} style={{ background: p.gender === 'female' ? '#ff85c0' : '#69b1ff' }} />
          <div>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="person-name">{p.name}</Typography.Title>
            <Space size={4}>
              <Tag color="blue">{tv('kind', p.kind)}</Tag>
              {p.highRiskOccupation && <Tag color="red">{t('person.highRisk')}</Tag>}
              <Typography.Text type="secondary">{t('person.file')}</Typography.Text>
            </Space>
          </div>
        </Space>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, xl: 3 }} title={t('person.basic')}>
          {item(t('person.gender'), tv('gender', p.gender))}
          {item(t('person.birthDate'), p.birthDate)}
          {item(t('person.idNumber'), <MaskedValue personId={p.id} field="idNumber" masked={p.idNumberMasked} canUnmask={can.unmask} />)}
          {item(t('person.phone'), <MaskedValue personId={p.id} field="phone" masked={p.phoneMasked} canUnmask={can.unmask} />, p.kind !== 'student' || !!p.phoneMasked)}
          {item(t('person.school'), <Link to={`/schools/${p.schoolId}`}>{p.schoolName}</Link>)}
          {item(t('person.className'), p.classId ? <Link to={`/schools/${p.schoolId}/classes/${p.classId}`}>{p.className}</Link> : null, p.kind === 'student')}
          {item(t('person.studentNumber'), p.studentNumber, p.kind === 'student')}
          {item(t('person.dorm'), p.dormLabel, !!p.dormLabel)}
          {item(t('person.staffRole'), tv('staffRole', p.staffRole), p.kind === 'staff')}
          {item(t('person.keyPosition'), p.keyPosition ? tv('keyPosition', p.keyPosition) : t('common.no'), p.kind === 'staff')}
          {item(t('person.householdOf'), p.householdOf ? <Link to={`/people/${p.householdOf}`}>#{p.householdOf}</Link> : null, p.kind === 'co_resident')}
          {item(t('person.relation'), p.relation, p.kind === 'co_resident')}
          {item(t('person.occupation'), p.occupation, p.kind === 'co_resident' || !!p.occupation)}
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        {p.kind === 'student' && guardians && (
          <Col xs={24} lg={12}>
            <Card size="small" title={t('person.guardians')} data-testid="person-guardians">
              <List
                size="small"
                dataSource={guardians}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                renderItem={(g) => (
                  <List.Item>
                    <List.Item.Meta title={t('person.guardianTitle', { name: g.name, relation: g.relation })} description={<MaskedValue personId={p.id} field="guardianPhone" guardianId={g.id} masked={g.phoneMasked} canUnmask={can.unmask} icon={<PhoneOutlined />} />} />
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        )}
        {p.kind !== 'co_resident' && household && (
          <Col xs={24} lg={p.kind === 'student' && guardians ? 12 : 24}>
            <Card size="small" title={t('person.household')} data-testid="person-household">
              <List<PersonRow>
                size="small"
                dataSource={household}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                renderItem={(h) => (
                  <List.Item extra={h.highRiskOccupation ? <Tag color="red">{t('person.highRisk')}</Tag> : null}>
                    <List.Item.Meta
                      title={<Link to={`/people/${h.id}`}>{h.name}</Link>}
                      description={
                        <Space size={4} wrap>
                          <span>{h.relation}</span>
                          {h.occupation && <span>· {h.occupation}</span>}
                          {h.phoneMasked && <span>· <PhoneOutlined /> {h.phoneMasked}</span>}
                        </Space>
                      }
                    />
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        )}
      </Row>
      {riskCard && <PersonRiskCard personId={p.id} travel={(sections.find((s) => s.key === 'travel')?.items ?? []) as TravelRecord[]} />}
      {/* The risk card above shows risk history and travel readably; their raw sections would repeat them.
          No placeholder when nothing is left: "no records" would be untrue for sections the account may not read. */}
      {sections.filter((s) => !(riskCard && (s.key === 'risk' || s.key === 'travel'))).map((s) => <SectionView key={s.key} section={s} />)}
    </Space>
  );
}
