import { App, Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { useMe } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { usePeople } from '../people/api';
import { useSchool, useSchools } from '../schools/api';
import { type ManualAlertInput, useRaiseAlert } from './api';

/** Disease codes of the school disease list (reference/school-diseases.json). */
export const DISEASES = ['influenza', 'hfmd', 'varicella', 'mumps', 'norovirus', 'covid19', 'tuberculosis', 'measles', 'rubella', 'scarlet_fever', 'ahc', 'bacillary_dysentery', 'herpangina', 'hepatitis_a'];

type FormValues = Omit<ManualAlertInput, 'schoolId'> & { schoolId?: number };

export function RaiseAlertPage() {
  const { t, tv } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const raise = useRaiseAlert();
  const [form] = Form.useForm<FormValues>();
  const ownSchool = me.account.scope.schoolId;
  const [schoolQ, setSchoolQ] = useState<string>();
  const [personQ, setPersonQ] = useState<string>();
  const schoolId = Form.useWatch('schoolId', form) ?? ownSchool;
  const classId = Form.useWatch('classId', form);
  const schools = useSchools({ q: schoolQ, limit: 50 }, !ownSchool);
  const school = useSchool(schoolId);
  const people = usePeople({ schoolId, classId, q: personQ, limit: 50 }, !!schoolId);

  const submit = (v: FormValues) => {
    const sid = v.schoolId ?? ownSchool;
    if (!sid) return;
    raise.mutate(
      { ...v, schoolId: sid, personIds: v.personIds?.length ? v.personIds : undefined, note: v.note.trim() },
      {
        onSuccess: (r) => {
          message.success(r.created ? t('alerts.raised') : t('alerts.merged'));
          navigate(`/alerts/${r.id}`);
        },
        onError: (err) => {
          if (err instanceof ApiError && err.field) {
            const name = err.field.split(/[./]/)[0] as keyof FormValues;
            if (['schoolId', 'classId', 'personIds', 'level', 'deadline', 'disease', 'note'].includes(name)) form.setFields([{ name, errors: [err.message] }]);
          }
        },
      },
    );
  };

  return (
    <Card title={t('alerts.raiseTitle')} style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">{t('alerts.raiseHint')}</Typography.Paragraph>
      <ErrorAlert error={raise.error} />
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} initialValues={{ level: 'report', deadline: '24h' }} data-testid="alert-raise-form">
        {!ownSchool && (
          <Form.Item name="schoolId" label={t('alerts.pickSchool')} rules={[{ required: true, message: t('alerts.pickSchool') }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: (q) => setSchoolQ(q || undefined) }}
              options={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.regionName}）` }))}
              loading={schools.isFetching}
              onChange={() => form.setFieldsValue({ classId: undefined, personIds: [] })}
            />
          </Form.Item>
        )}
        <Form.Item name="classId" label={t('alerts.pickClass')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!schoolId}
            options={(school.data?.classes ?? []).map((c) => ({ value: c.id, label: `${c.gradeName}${c.name}` }))}
            onChange={() => form.setFieldsValue({ personIds: [] })}
          />
        </Form.Item>
        <Form.Item name="personIds" label={t('alerts.pickPersons')}>
          <Select
            mode="multiple"
            allowClear
            disabled={!schoolId}
            showSearch={{ filterOption: false, onSearch: (q) => setPersonQ(q || undefined) }}
            loading={people.isFetching}
            options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.className ? ` · ${p.className}` : ''}` }))}
          />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="level" label={t('alerts.level')}>
            <Radio.Group optionType="button" options={(['report', 'emergency'] as const).map((v) => ({ value: v, label: tv('alertLevel', v) }))} />
          </Form.Item>
          <Form.Item name="deadline" label={t('alerts.deadline')}>
            <Radio.Group optionType="button" options={(['immediate', '2h', '24h'] as const).map((v) => ({ value: v, label: tv('alertDeadline', v) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="disease" label={t('alerts.disease')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={DISEASES.map((d) => ({ value: d, label: tv('disease', d) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('alerts.note')} rules={[{ required: true, whitespace: true, message: t('alerts.noteRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="alert-raise-note" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={raise.isPending} data-testid="alert-raise-submit">
            {t('alerts.raise')}
          </Button>
          <Button onClick={() => navigate('/alerts')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
