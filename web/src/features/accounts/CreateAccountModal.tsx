import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useMe } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { useErrorText } from '../../shared/ui/errors';
import { useRegions } from '../regions/api';
import { useSchool, useSchools } from '../schools/api';
import { type NewAccount, type Role, useCreateAccount } from './api';

/** Which binding fields each role's form asks for (the server validates them and the role itself). */
const BINDING: Record<Role, 'region' | 'school' | 'class' | 'hospital' | 'children' | 'none'> = {
  province_officer: 'region',
  city_officer: 'region',
  county_officer: 'region',
  auditor: 'region',
  school_admin: 'school',
  school_doctor: 'school',
  gate_guard: 'school',
  class_teacher: 'class',
  parent: 'children',
  hospital_liaison: 'hospital',
  sysadmin: 'none',
};
const REGION_LEVEL: Partial<Record<Role, string>> = { province_officer: 'province', city_officer: 'city', county_officer: 'county' };

type Values = NewAccount & { childIds?: string[] };

/** Creates an account; `roles` are the ones the server lets the caller assign (`can.assignableRoles`). */
export function CreateAccountModal({ open, roles, onClose }: { open: boolean; roles: readonly Role[]; onClose: () => void }) {
  const { t, tv } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form) as Role | undefined;
  const schoolId = Form.useWatch('schoolId', form) as number | undefined;
  const binding = role ? BINDING[role] : 'none';
  const regions = useRegions();
  const ownSchool = me.account.scope.kind === 'school' ? me.account.scope.schoolId : undefined;
  const schools = useSchools({ limit: 1000 }, open && !ownSchool && (binding === 'school' || binding === 'class'));
  const school = useSchool(binding === 'class' ? (schoolId ?? ownSchool) : undefined);
  const create = useCreateAccount();

  function close() {
    form.resetFields();
    setError(null);
    onClose();
  }

  function submit(values: Values) {
    setError(null);
    const body: NewAccount = {
      username: values.username.trim(),
      displayName: values.displayName.trim(),
      password: values.password,
      role: values.role,
      ...(binding === 'region' ? { regionCode: values.regionCode } : {}),
      ...(binding === 'school' || binding === 'class' ? { schoolId: values.schoolId ?? ownSchool } : {}),
      ...(binding === 'class' ? { classId: values.classId } : {}),
      ...(binding === 'hospital' ? { hospitalId: values.hospitalId } : {}),
      ...(binding === 'children' ? { childPersonIds: (values.childIds ?? []).map(Number).filter((n) => n > 0) } : {}),
      ...(values.canUnmask ? { canUnmask: true } : {}),
      ...(values.email ? { email: values.email.trim() } : {}),
    };
    create.mutate(body, {
      onSuccess: () => {
        message.success(t('account.created'));
        close();
      },
      onError: (err) => setError(errorText(err)),
    });
  }

  const regionOptions = (regions.data ?? [])
    .filter((r) => !role || !REGION_LEVEL[role] || r.level === REGION_LEVEL[role])
    .map((r) => ({ value: r.code, label: `${r.name} (${r.code})` }));

  return (
    <Modal open={open} title={t('common.create')} onCancel={close} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden width={560}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="account-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark="optional" data-testid="account-form">
        <Form.Item name="role" label={t('account.role')} rules={[{ required: true }]}>
          <Select options={roles.map((r) => ({ value: r, label: tv('role', r) }))} onChange={() => form.setFieldsValue({ regionCode: undefined, classId: undefined })} />
        </Form.Item>
        <Form.Item name="username" label={t('account.username')} rules={[{ required: true }, { pattern: /^[A-Za-z0-9_.@-]{3,64}$/ }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('account.displayName')} rules={[{ required: true, max: 64 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="password" label={t('account.password')} extra={<>{t('password.rule')}<br />{t('account.mustChangeNote')}</>} rules={[{ required: true }, { min: 12, message: t('password.tooShort') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {binding === 'region' && (
          <Form.Item name="regionCode" label={t('account.region')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={regionOptions} loading={regions.isPending} />
          </Form.Item>
        )}
        {(binding === 'school' || binding === 'class') && !ownSchool && (
          <Form.Item name="schoolId" label={t('account.school')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={schools.isPending} options={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              onChange={() => form.setFieldsValue({ classId: undefined })} />
          </Form.Item>
        )}
        {binding === 'class' && (
          <Form.Item name="classId" label={t('account.class')} rules={[{ required: true }]}>
            <Select loading={school.isFetching} options={(school.data?.classes ?? []).map((c) => ({ value: c.id, label: `${c.gradeName}${c.name}` }))} />
          </Form.Item>
        )}
        {binding === 'hospital' && (
          <Form.Item name="hospitalId" label={t('account.hospitalId')} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {binding === 'children' && (
          <Form.Item name="childIds" label={t('account.children')} extra={t('account.childrenHint')} rules={[{ required: true }]}>
            <Select mode="tags" tokenSeparators={[',', ' ']} open={false} />
          </Form.Item>
        )}
        <Form.Item name="email" label={t('account.email')} rules={[{ type: 'email' }]}>
          <Input />
        </Form.Item>
        {binding !== 'none' && binding !== 'children' && (
          <Form.Item name="canUnmask" valuePropName="checked">
            <Checkbox>{t('account.canUnmask')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
