import { App, Cascader, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { type MessageKey, useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { showServerError } from '../policies/server-errors';
import { type RiskColour, useRiskMutations } from './api';
import { useTravelRegions } from './travel-regions';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** A stay somewhere, entered by hand; the server recomputes the person's colour against the declared risk areas at once. */
export function TravelModal({ personId, open, onClose }: { personId: number; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const regions = useTravelRegions();
  const m = useRiskMutations();
  const required = (field: string) => [{ required: true, message: t('risk.required', { field: t(`risk.travel.${field}` as MessageKey) }) }];

  async function submit() {
    const v = await form.validateFields();
    const path = v.region as string[];
    m.travel.mutate(
      { personId, regionCode: path[path.length - 1], place: v.place.trim(), fromDate: day(v.fromDate), toDate: day(v.toDate), residence: !!v.residence },
      {
        onSuccess: () => {
          message.success(t('risk.travel.saved'));
          form.resetFields();
          onClose();
        },
        // The server names regionCode; the form holds the cascader path under `region`.
        onError: (err) => showServerError(form, err, (p) => ['region', 'place', 'fromDate', 'toDate'].includes(String(p[0])), { rename: { regionCode: 'region' }, label: (p) => t(`risk.travel.${p[0] === 'region' ? 'regionCode' : p[0]}` as MessageKey) }),
      },
    );
  }

  return (
    <Modal open={open} title={t('risk.travel.title')} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} confirmLoading={m.travel.isPending} okButtonProps={{ 'data-testid': 'travel-save' }} destroyOnHidden>
      <ErrorAlert error={m.travel.error} />
      <Form form={form} name="travel" layout="vertical">
        <Form.Item name="region" label={t('risk.travel.regionCode')} rules={required('regionCode')}>
          <Cascader options={regions.data ?? []} changeOnSelect showSearch={{ filter: (input, path) => path.some((o) => String(o.label).includes(input)) }} data-testid="travel-region" />
        </Form.Item>
        <Form.Item name="place" label={t('risk.travel.place')} rules={required('place')} extra={t('risk.travel.placeHint')}>
          <Input maxLength={100} data-testid="travel-place" />
        </Form.Item>
        <Form.Item name="fromDate" label={t('risk.travel.fromDate')} rules={required('fromDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="toDate" label={t('risk.travel.toDate')} rules={required('toDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="residence" valuePropName="checked">
          <Checkbox>{t('risk.travel.residence')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A manual colour (or clearing it) always carries a reason: it is audited and shown in the history. */
export function OverrideModal({ personId, mode, open, onClose }: { personId: number; mode: 'override' | 'clear'; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ status: RiskColour; reason: string }>();
  const m = useRiskMutations();
  const mutation = mode === 'override' ? m.override : m.clear;

  async function submit() {
    const v = await form.validateFields();
    const done = { onSuccess: () => { message.success(t('risk.override.saved')); form.resetFields(); onClose(); }, onError: (err: unknown) => showServerError(form, err, (p) => p[0] === 'status' || p[0] === 'reason', { label: (p) => t(`risk.override.${p[0]}` as MessageKey) }) };
    if (mode === 'override') m.override.mutate({ personId, status: v.status, reason: v.reason.trim() }, done);
    else m.clear.mutate({ personId, reason: v.reason.trim() }, done);
  }

  return (
    <Modal open={open} title={t(mode === 'override' ? 'risk.override.title' : 'risk.override.clearTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('common.confirm')} confirmLoading={mutation.isPending} okButtonProps={{ 'data-testid': 'override-save' }} destroyOnHidden>
      <ErrorAlert error={mutation.error} />
      <Form form={form} name="override" layout="vertical">
        {mode === 'override' && (
          <Form.Item name="status" label={t('risk.override.status')} rules={[{ required: true, message: t('risk.required', { field: t('risk.override.status') }) }]}>
            <Select options={(['green', 'yellow', 'red'] as const).map((c) => ({ value: c, label: t(`risk.colours.${c}`) }))} data-testid="override-status" />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('risk.override.reason')} rules={[{ required: true, message: t('risk.required', { field: t('risk.override.reason') }) }]}>
          <Input.TextArea rows={3} maxLength={300} data-testid="override-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
