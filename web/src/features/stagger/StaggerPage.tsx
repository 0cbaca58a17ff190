import { DownloadOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Space, Switch, Table, Typography } from 'antd';
import { download, get, post } from '../../shared/api/client';
import { useCan } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { useSchoolChoice } from '../gate/useSchoolChoice';

interface Placement { slot: number; resourceId: string; resourceName: string; from: string; to: string }
interface Schedule { id: number; createdAt: string; classes: { classId: number; className: string; size: number; arrival: Placement; departure: Placement; dining: Placement }[] }

const TEXT = {
  'zh-CN': { title: '错时错峰安排', compute: '计算并启用', gates: '校门（每批可通过人数）', areas: '就餐区域（每批座位）', arrival: '入校', departure: '离校', dining: '就餐', start: '开始', slot: '每批（分钟）', end: '最晚结束', separate: '各年级分开', export: '导出安排表', cls: '班级', size: '人数', none: '尚无错峰安排', name: '名称', cap: '容量', seating: '座位朝向' },
  en: { title: 'Staggered schedule', compute: 'Compute and adopt', gates: 'Gates (students per slot)', areas: 'Canteen areas (seats per slot)', arrival: 'Arrival', departure: 'Departure', dining: 'Dining', start: 'Start', slot: 'Slot (min)', end: 'End by', separate: 'Keep grades apart', export: 'Export timetable', cls: 'Class', size: 'Students', none: 'No timetable yet', name: 'Name', cap: 'Capacity', seating: 'Seating' },
};

const cell = (p: Placement) => `${p.from}–${p.to} ${p.resourceName}`;

/** The school's timetable in force, and the form that computes a new one (the solver names what cannot be met). */
export function StaggerPage() {
  const { locale } = useI18n();
  const s = TEXT[locale === 'en' ? 'en' : 'zh-CN'];
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { schoolId, picker } = useSchoolChoice();
  const current = useQuery({ queryKey: ['stagger', schoolId], queryFn: () => get<Schedule>('/api/stagger/schedules/current', { schoolId }), enabled: !!schoolId, retry: false });
  const compute = useMutation({ mutationFn: (b: unknown) => post<Schedule>('/api/stagger/schedules', b), onSuccess: () => void qc.invalidateQueries({ queryKey: ['stagger'] }) });
  const [form] = Form.useForm();

  async function onCompute() {
    const v = await form.validateFields();
    const window = (p: { start: string; slot: number; end?: string }) => ({ start: p.start, slotMinutes: p.slot, ...(p.end ? { end: p.end } : {}) });
    compute.mutate(
      {
        schoolId,
        gates: v.gates.map((g: { name: string; cap: number }, i: number) => ({ id: `g${i + 1}`, name: g.name, capacityPerSlot: g.cap })),
        canteenAreas: v.areas.map((a: { name: string; cap: number; seating?: string }, i: number) => ({ id: `a${i + 1}`, name: a.name, seatsPerSlot: a.cap, ...(a.seating ? { seating: a.seating } : {}) })),
        windows: { arrival: window(v.arrival), departure: window(v.departure), dining: window(v.dining) },
        ...(v.separate ? { rules: { separateGrades: 'all' } } : {}),
      },
      { onSuccess: () => message.success('OK'), onError: notifyError },
    );
  }

  const resources = (name: 'gates' | 'areas', label: string) => (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{label}</Typography.Text>
          {fields.map((f) => (
            <Space key={f.key} wrap>
              <Form.Item name={[f.name, 'name']} rules={[{ required: true }]} noStyle><Input placeholder={s.name} style={{ width: 120 }} /></Form.Item>
              <Form.Item name={[f.name, 'cap']} rules={[{ required: true }]} noStyle><InputNumber min={1} placeholder={s.cap} /></Form.Item>
              {name === 'areas' && <Form.Item name={[f.name, 'seating']} noStyle><Input placeholder={s.seating} style={{ width: 140 }} /></Form.Item>}
              <MinusCircleOutlined onClick={() => remove(f.name)} />
            </Space>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => add({ cap: 100 })} />
        </Space>
      )}
    </Form.List>
  );
  const windowRow = (phase: 'arrival' | 'departure' | 'dining', label: string) => (
    <Space wrap>
      <Typography.Text style={{ width: 48, display: 'inline-block' }}>{label}</Typography.Text>
      <Form.Item name={[phase, 'start']} rules={[{ required: true }]} noStyle><Input placeholder={s.start} style={{ width: 80 }} /></Form.Item>
      <Form.Item name={[phase, 'slot']} rules={[{ required: true }]} noStyle><InputNumber min={1} max={240} placeholder={s.slot} /></Form.Item>
      <Form.Item name={[phase, 'end']} noStyle><Input placeholder={s.end} style={{ width: 80 }} /></Form.Item>
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{s.title}</Typography.Title>
        <Space wrap>
          {picker}
          {current.data && <Button icon={<DownloadOutlined />} onClick={() => void download('/api/stagger/schedules/current/export', { schoolId }, '错峰安排表.xlsx').catch(notifyError)}>{s.export}</Button>}
        </Space>
      </Space>
      {can('stagger.manage') && schoolId && (
        <Card size="small">
          <Form
            form={form}
            initialValues={{
              gates: [{ name: '东门', cap: 200 }, { name: '西门', cap: 200 }],
              areas: [{ name: '食堂一楼', cap: 300, seating: '同向就座' }],
              arrival: { start: '07:20', slot: 10 }, departure: { start: '16:30', slot: 10 }, dining: { start: '11:20', slot: 20, end: '14:00' }, separate: true,
            }}
          >
            <Space orientation="vertical" style={{ width: '100%' }}>
              {resources('gates', s.gates)}
              {resources('areas', s.areas)}
              {windowRow('arrival', s.arrival)}
              {windowRow('dining', s.dining)}
              {windowRow('departure', s.departure)}
              <Space><Form.Item name="separate" valuePropName="checked" noStyle><Switch /></Form.Item>{s.separate}</Space>
              <ErrorAlert error={compute.error} />
              <Button type="primary" onClick={() => void onCompute()} loading={compute.isPending} data-testid="stagger-compute">{s.compute}</Button>
            </Space>
          </Form>
        </Card>
      )}
      {current.data ? (
        <Table
          rowKey="classId"
          size="small"
          scroll={{ x: 720 }}
          pagination={false}
          dataSource={current.data.classes}
          data-testid="stagger-table"
          columns={[
            { title: s.cls, dataIndex: 'className' },
            { title: s.size, dataIndex: 'size' },
            { title: s.arrival, dataIndex: 'arrival', render: cell },
            { title: s.dining, dataIndex: 'dining', render: cell },
            { title: s.departure, dataIndex: 'departure', render: cell },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{s.none}</Typography.Text>
      )}
    </Space>
  );
}
