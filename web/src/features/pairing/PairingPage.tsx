import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Input, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { get, post } from '../../shared/api/client';
import { useCan, useMe } from '../../shared/auth';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { useText } from '../governance-dashboard/text';

interface Coverage {
  regionCode: string; schools: number; paired: number; withDoctor: number;
  unpaired: { id: number; name: string; regionCode: string }[];
  overCapacity: { id: number; name: string; capacity: number; load: number }[];
  hospitals: { id: number; name: string; kind: string; capacity: number; load: number; contacts: number }[];
}
interface Proposal { id: number; totalMeters: number; currentMeters: number | null; kept: number; moved: number; added: number; certified: boolean; skippedSchools: number[]; appliedAt: string | null }

const TEXT = {
  'zh-CN': {
    title: '一校一院', region: '行政区划代码', schools: '学校', paired: '已结对', doctors: '有校医', unpaired: '未结对学校', over: '超负荷医院', hospitals: '医院', capacity: '容量', load: '结对学校数', contacts: '联络人',
    propose: '生成结对方案（总距离最短）', apply: '按方案结对', applied: '已按方案结对 {n} 所', kept: '保留', moved: '调整', added: '新增', total: '总距离（公里）', current: '现有总距离', optimal: '已证明最优', none: '无',
  },
  en: {
    title: 'School–hospital pairing', region: 'Region code', schools: 'Schools', paired: 'Paired', doctors: 'With a school doctor', unpaired: 'Schools without a hospital', over: 'Hospitals over capacity', hospitals: 'Hospitals', capacity: 'Capacity', load: 'Schools served', contacts: 'Contacts',
    propose: 'Propose pairings (least total distance)', apply: 'Apply proposal', applied: 'Applied: {n} schools changed', kept: 'Kept', moved: 'Moved', added: 'Added', total: 'Total distance (km)', current: 'Current total', optimal: 'Proven optimal', none: 'None',
  },
};

export function PairingPage() {
  const t = useText(TEXT);
  const me = useMe();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [params] = useSearchParams();
  const [region, setRegion] = useState(params.get('regionCode') ?? me.account.scope.regionCode ?? '');
  const cov = useQuery({ queryKey: ['pairing', region], queryFn: () => get<Coverage>('/api/pairings/coverage', { regionCode: region || undefined }), enabled: /^\d{6}$/.test(region) });
  const propose = useMutation({ mutationFn: () => post<Proposal>('/api/pairings/proposals', { regionCode: region }) });
  const apply = useMutation({ mutationFn: (id: number) => post<{ changed: number }>(`/api/pairings/proposals/${id}/apply`), onSuccess: () => void cov.refetch() });
  const c = cov.data;
  const p = propose.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap><Typography.Title level={4} style={{ margin: 0 }}>{t.title}</Typography.Title><Input style={{ width: 110 }} placeholder={t.region} value={region} onChange={(e) => setRegion(e.target.value.trim())} /></Space>
      <ErrorAlert error={cov.error} />
      {c && (
        <Row gutter={12} data-testid="pairing-coverage">
          <Col span={8}><Card size="small"><Statistic title={t.paired} value={c.paired} suffix={`/ ${c.schools}`} /></Card></Col>
          <Col span={8}><Card size="small"><Statistic title={t.doctors} value={c.withDoctor} suffix={`/ ${c.schools}`} /></Card></Col>
          <Col span={8}><Card size="small"><Statistic title={t.over} value={c.overCapacity.length} /></Card></Col>
        </Row>
      )}
      {c && (
        <Card size="small" title={t.unpaired}>
          <List size="small" dataSource={c.unpaired} locale={{ emptyText: t.none }} renderItem={(s) => <List.Item>{s.name}</List.Item>} />
        </Card>
      )}
      {can('pairing.manage') && c && (
        <Card size="small" title={t.propose}>
          <Button onClick={() => propose.mutate(undefined, { onError: notifyError })} loading={propose.isPending} data-testid="pairing-propose">{t.propose}</Button>
          {p && (
            <Space orientation="vertical" style={{ marginTop: 8 }} data-testid="pairing-proposal">
              <Space wrap>
                <Tag>{t.kept} {p.kept}</Tag><Tag color="orange">{t.moved} {p.moved}</Tag><Tag color="green">{t.added} {p.added}</Tag>
                <span>{t.total}: {(p.totalMeters / 1000).toFixed(1)}</span>{p.currentMeters !== null && <span>{t.current}: {(p.currentMeters / 1000).toFixed(1)}</span>}
                {p.certified && <Tag color="blue">{t.optimal}</Tag>}
              </Space>
              {!p.appliedAt && <Button type="primary" loading={apply.isPending} onClick={() => apply.mutate(p.id, { onSuccess: (r) => message.success(t.applied.replace('{n}', String(r.changed))), onError: notifyError })}>{t.apply}</Button>}
            </Space>
          )}
        </Card>
      )}
      {c && (
        <Table rowKey="id" size="small" dataSource={c.hospitals} columns={[
          { title: t.hospitals, dataIndex: 'name' },
          { title: t.load, render: (_, h) => <span style={{ color: h.load > h.capacity ? '#cf1322' : undefined }}>{h.load} / {h.capacity}</span> },
          { title: t.contacts, dataIndex: 'contacts' },
        ]} />
      )}
    </Space>
  );
}
