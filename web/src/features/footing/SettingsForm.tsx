import { Alert, App, Button, Card, Checkbox, Form, InputNumber, Select, Switch, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get } from '../../shared/api/client';
import { useCan } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { useErrorText } from '../../shared/ui/errors';
import { showFieldError } from '../vaccination/form-errors';
import { type Adjustments, type FootingView, type RegionSettings, useFootingMutations } from './api';
import { gateRuleLabel } from './FootingDetail';

interface Values extends Adjustments {
  autoSwitch: boolean;
  campaignTemplateId: number | null;
}

const FIELDS = ['autoSwitch', 'checkSessions', 'testsPerWeek', 'gateRules', 'reportingDeadlineHours', 'campaignTemplateId'] as const;

/**
 * What emergency footing tightens in this region and whether a trigger switches by itself or only
 * proposes. The form starts from the settings in force (perhaps inherited from a region above);
 * saving gives this region its own.
 */
export function SettingsForm({ regionCode, view }: { regionCode: string; view: FootingView }) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const m = useFootingMutations();
  const s = view.effective as RegionSettings;
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | null>(null);
  // Screening templates, so an emergency switch can start the region's campaign; only for those who may read them.
  const templates = useQuery({
    queryKey: ['screening', 'campaigns'],
    queryFn: () => get<{ items: { id: number; name: string; status: string }[] }>('/api/screening/campaigns'),
    enabled: can('screening.read'),
  });
  const options = (templates.data?.items ?? []).filter((c) => c.status === 'template').map((c) => ({ value: c.id, label: c.name }));
  if (s.campaignTemplateId && !options.some((o) => o.value === s.campaignTemplateId)) options.push({ value: s.campaignTemplateId, label: `#${s.campaignTemplateId}` });

  async function submit() {
    const v = await form.validateFields();
    setFailure(null);
    const { autoSwitch, campaignTemplateId, ...adjustments } = v;
    m.settings.mutate(
      { code: regionCode, autoSwitch, campaignTemplateId: campaignTemplateId ?? null, emergencyAdjustments: { ...adjustments, gateRules: adjustments.gateRules ?? [] } },
      {
        onSuccess: () => message.success(t('footing.settingsSaved')),
        onError: (err) => {
          showFieldError(form, err, FIELDS);
          setFailure(errorText(err));
        },
      },
    );
  }

  return (
    <Card size="small" title={t('footing.settings')} data-testid="footing-settings">
      {s.regionCode && s.regionCode !== regionCode && <Typography.Paragraph type="secondary">{t('footing.inherited', { code: s.regionCode })}</Typography.Paragraph>}
      <Form form={form} layout="vertical" initialValues={{ autoSwitch: s.autoSwitch, campaignTemplateId: s.campaignTemplateId, ...s.adjustments }}>
        <Form.Item name="autoSwitch" label={t('footing.autoSwitch')} valuePropName="checked" extra={t('footing.autoSwitchHint')}>
          <Switch data-testid="footing-auto-switch" />
        </Form.Item>
        <Form.Item name="checkSessions" label={t('footing.checkSessions')} rules={[{ required: true, type: 'array', min: 1, message: t('footing.sessionsRequired') }]}>
          <Checkbox.Group options={(['morning', 'noon', 'evening'] as const).map((x) => ({ value: x, label: t(`footing.session.${x}`) }))} />
        </Form.Item>
        <Form.Item name="testsPerWeek" label={t('footing.testsPerWeek')} rules={[{ required: true }]}>
          <InputNumber min={0} max={7} precision={0} data-testid="footing-tests" />
        </Form.Item>
        <Form.Item name="gateRules" label={t('footing.gateRules')}>
          <Select mode="tags" maxCount={20} options={['no_visitors', 'travel_record_required'].map((r) => ({ value: r, label: gateRuleLabel(t, r) }))} />
        </Form.Item>
        <Form.Item name="reportingDeadlineHours" label={t('footing.deadlineHours')} rules={[{ required: true }]}>
          <InputNumber min={1} max={72} precision={0} data-testid="footing-deadline" />
        </Form.Item>
        <Form.Item name="campaignTemplateId" label={t('footing.campaignTemplate')} extra={t('footing.campaignTemplateHint')}>
          <Select allowClear options={options} loading={templates.isLoading} />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid="footing-settings-error" />}
        <Button type="primary" block loading={m.settings.isPending} onClick={() => void submit()} data-testid="footing-settings-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
