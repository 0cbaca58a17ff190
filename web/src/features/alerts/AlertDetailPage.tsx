import { ArrowLeftOutlined, CheckCircleOutlined, ExclamationCircleOutlined, FileDoneOutlined, SearchOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Radio, Row, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { type AlertDetail, type AlertEvent, type TransitionTarget, useAlert, useTransition } from './api';
import { EpisodeStatus } from './EpisodeStatus';
import { Countdown, formatTime, LevelTags, RuleText, StatusTag, windowText } from './parts';

const ACTION_ICON: Record<TransitionTarget, React.ReactNode> = {
  acknowledged: <CheckCircleOutlined />,
  investigating: <SearchOutlined />,
  reported_to_cdc: <SendOutlined />,
  closed: <FileDoneOutlined />,
};

const EVENT_COLOR: Record<string, string> = { raised: 'red', grew: 'orange', upgraded: 'red', escalated: 'purple', status: 'blue', note: 'gray' };

interface ActionForm {
  note?: string;
  outcome?: 'outbreak_confirmed' | 'not_outbreak';
}

/** One life-cycle step, with its note (and outcome when closing); the server's refusal is shown as it words it. */
function ActionModal({ detail, target, onClose }: { detail: AlertDetail; target: TransitionTarget | null; onClose: () => void }) {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const transition = useTransition(detail.alert.id);
  const [form] = Form.useForm<ActionForm>();
  const closing = target === 'closed';
  const submit = (values: ActionForm) => {
    if (!target) return;
    transition.mutate(
      { to: target, note: values.note?.trim() || undefined, outcome: closing ? values.outcome : undefined },
      {
        onSuccess: (r) => {
          message.success(r.unchanged ? t('alerts.unchanged') : t('alerts.done', { status: tv('alertStatus', r.status) }));
          form.resetFields();
          transition.reset();
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={!!target}
      title={target ? tv('alertAction', target) : ''}
      okText={target ? tv('alertAction', target) : ''}
      okButtonProps={{ loading: transition.isPending, 'data-testid': 'alert-action-submit' } as never}
      onOk={() => form.submit()}
      onCancel={() => {
        transition.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <ErrorAlert error={transition.error} />
      <Form<ActionForm> form={form} layout="vertical" onFinish={submit} requiredMark={closing}>
        {closing && (
          <Form.Item name="outcome" label={t('alerts.outcome')} rules={[{ required: true, message: t('alerts.outcomeRequired') }]}>
            <Radio.Group data-testid="alert-outcome">
              <Space orientation="vertical">
                <Radio value="not_outbreak">{tv('alertOutcome', 'not_outbreak')}</Radio>
                <Radio value="outbreak_confirmed" disabled={detail.alert.status !== 'reported_to_cdc'}>
                  {tv('alertOutcome', 'outbreak_confirmed')}
                </Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item name="note" label={t('alerts.actionNote')} rules={closing ? [{ required: true, whitespace: true, message: t('alerts.closeNoteRequired') }] : []}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="alert-action-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EventLine({ e }: { e: AlertEvent }) {
  const { t, tv } = useI18n();
  const head = e.action === 'status' && e.toStatus ? `${tv('alertStatus', e.fromStatus)} → ${tv('alertStatus', e.toStatus)}` : tv('alertEvent', e.action);
  return (
    <div data-testid="alert-event" data-action={e.action}>
      <Typography.Text strong>{head}</Typography.Text>
      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
        {formatTime(e.at)} · {e.actorName ?? t('alerts.system')}
      </Typography.Text>
      {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
    </div>
  );
}

export function AlertDetailPage() {
  const { id } = useParams();
  const alertId = Number(id);
  const { t, tv, locale } = useI18n();
  const query = useAlert(alertId);
  const [target, setTarget] = useState<TransitionTarget | null>(null);

  if (query.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!query.data) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;
  const a = d.alert;
  const names = new Map(d.persons.map((p) => [p.id, p.name]));
  const growth = d.events.filter((e) => e.action === 'grew' || e.action === 'upgraded').length;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="alert-detail" data-alert-id={a.id}>
      <Link to="/alerts">
        <ArrowLeftOutlined /> {t('alerts.back')}
      </Link>
      <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      <Card
        title={
          <Space wrap>
            <span data-testid="alert-unit">{a.unit.name}</span>
            <StatusTag status={a.status} outcome={a.outcome} />
          </Space>
        }
        extra={<LevelTags alert={a} />}
      >
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('alerts.countdown')}</Typography.Text>
          <Countdown alert={a} fetchedAt={query.dataUpdatedAt} size="large" />
        </Space>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card title={t('alerts.detailTitle')} size="small">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('alerts.unit')}>
                {tv('alertUnit', a.unit.kind)} · {a.unit.name}
              </Descriptions.Item>
              {a.schoolName && a.unit.kind !== 'school' && <Descriptions.Item label={t('alerts.school')}>{a.schoolName}</Descriptions.Item>}
              <Descriptions.Item label={t('alerts.region')}>{a.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('alerts.rule')}>
                <RuleText alert={a} />
                {a.disease && <Tag style={{ marginLeft: 8 }}>{tv('disease', a.disease)}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('alerts.source')}>{tv('alertSource', a.source)}</Descriptions.Item>
              <Descriptions.Item label={t('alerts.window')}>{windowText(a.window)}</Descriptions.Item>
              <Descriptions.Item label={t('alerts.cases')}>
                <span data-testid="alert-cases">{a.caseCount}</span>
              </Descriptions.Item>
              {growth > 0 && <Descriptions.Item label={t('alerts.grew')}>{t('alerts.growth', { n: growth, count: a.caseCount })}</Descriptions.Item>}
              <Descriptions.Item label={t('alerts.escalation')}>{tv('alertEscalation', a.escalationLevel)}</Descriptions.Item>
              <Descriptions.Item label={t('alerts.raisedAt')}>{formatTime(a.raisedAt)}</Descriptions.Item>
              {a.closeNote && <Descriptions.Item label={t('alerts.closeNote')}>{a.closeNote}</Descriptions.Item>}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('alerts.actions')} size="small" style={{ marginBottom: 12 }}>
            {d.can.transitions.length ? (
              <Space wrap data-testid="alert-actions">
                {d.can.transitions.map((to) => (
                  <Button key={to} type={to === d.can.transitions[0] ? 'primary' : 'default'} icon={ACTION_ICON[to]} onClick={() => setTarget(to)} data-testid={`alert-action-${to}`}>
                    {tv('alertAction', to)}
                  </Button>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary" data-testid="alert-no-actions">
                <ExclamationCircleOutlined /> {t('alerts.noActions')}
              </Typography.Text>
            )}
          </Card>
          <Card title={t('alerts.timeline')} size="small">
            <Timeline
              data-testid="alert-timeline"
              items={d.events.map((e) => ({ key: e.id, color: EVENT_COLOR[e.action] ?? 'gray', content: <EventLine e={e} /> }))}
            />
          </Card>
        </Col>
      </Row>
      <Card title={`${t('alerts.persons')} (${d.persons.length})`} size="small">
        <Table
          data-testid="alert-persons"
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={d.persons}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          onRow={() => ({ 'data-testid': 'alert-person' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('common.name'), dataIndex: 'name', render: (v: string, p) => <Link to={`/people/${p.id}`}>{v}</Link> },
            { title: t('alerts.personKind'), dataIndex: 'kind', render: (v: string) => tv('kind', v) },
            { title: t('alerts.className'), dataIndex: 'className' },
            { title: t('alerts.addedAt'), dataIndex: 'addedAt', render: (v: string) => formatTime(v) },
          ]}
        />
      </Card>
      {d.episodes.length > 0 && (
        <Card title={`${t('alerts.episodes')} (${d.episodes.length})`} size="small">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={d.episodes}
            columns={[
              { title: t('common.name'), dataIndex: 'personId', render: (v: number) => <Link to={`/people/${v}`}>{names.get(v) ?? v}</Link> },
              { title: t('alerts.openedOn'), dataIndex: 'openedOn' },
              { title: t('alerts.lastAbsentOn'), dataIndex: 'lastAbsentOn' },
              { title: t('alerts.symptoms'), dataIndex: 'symptoms', render: (v: string[]) => v.map((s) => tv('symptom', s)).join(locale === 'en' ? ', ' : '、') },
              { title: t('alerts.diagnosis'), dataIndex: 'diagnosisCode', render: (v: string | null) => tv('disease', v) },
              { title: t('alerts.status'), dataIndex: 'status', render: (v: string, e) => <EpisodeStatus status={v} closedOn={e.closedOn} /> },
            ]}
          />
        </Card>
      )}
      <ActionModal detail={d} target={target} onClose={() => setTarget(null)} />
    </Space>
  );
}
