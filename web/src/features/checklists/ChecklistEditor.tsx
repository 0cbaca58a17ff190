import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../shared/api/client';
import { type MessageKey, useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { type FieldPath, showServerError } from '../policies/server-errors';
import { type ChecklistItem, LIVE_FIGURES } from './api';

export interface EditorValues {
  key?: string;
  name?: string;
  note?: string;
  items: ChecklistItem[];
}

const ITEM_LEAVES = ['key', 'section', 'weight', 'liveFigure', 'title/zh-CN', 'title/en', 'evidence/zh-CN', 'evidence/en'];
const blankItem = (): ChecklistItem => ({ key: '', section: '', title: { 'zh-CN': '', en: '' }, evidence: { 'zh-CN': '', en: '' }, weight: 1 });

/**
 * Items of a checklist version, for a new checklist (key and name) or a new version (a note on what
 * changed). Keys, weights and live figures are checked by the server, which names the item and field
 * it refuses; that message is shown under the input and above the form.
 */
export function ChecklistEditor({ mode, initialItems, pending, error, onSubmit, onCancel }: { mode: 'create' | 'publish'; initialItems: ChecklistItem[]; pending: boolean; error: unknown; onSubmit: (v: EditorValues) => Promise<unknown>; onCancel: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<EditorValues>();
  const [refused, setRefused] = useState<string | null>(null);
  const required = (field: string) => [{ required: true, message: t('checklists.required', { field }) }];
  const fieldLabel = (path: FieldPath): string => {
    if (path[0] !== 'items' || typeof path[1] !== 'number') return t(`checklists.fields.${String(path[0])}` as MessageKey);
    const leaf = path.slice(2).join('/').replace('zh-CN', 'zh').replace('/', '_');
    return t('checklists.itemField', { n: path[1] + 1, field: leaf ? t(`checklists.fields.${leaf}` as MessageKey) : '' });
  };
  const known = (p: FieldPath) => (p.length === 1 && ['key', 'name', 'note'].includes(String(p[0]))) || (p[0] === 'items' && typeof p[1] === 'number' && ITEM_LEAVES.includes(p.slice(2).join('/')));

  async function finish(v: EditorValues) {
    setRefused(null);
    try {
      await onSubmit(v);
    } catch (err) {
      const shown = showServerError(form, err, known, { label: fieldLabel, join: (field, message) => t('checklists.fieldError', { field, message }) });
      // A refusal of the whole list (no items) names no input: it shows above the form only.
      if (shown) setRefused(shown.text);
      else if (err instanceof ApiError && err.field) setRefused(t('checklists.fieldError', { field: fieldLabel([err.field]), message: err.message }));
    }
  }

  return (
    <Form<EditorValues> form={form} layout="vertical" initialValues={{ items: initialItems.length ? initialItems : [blankItem()] }} onFinish={(v) => void finish(v)} data-testid="checklist-editor">
      {refused ? <Alert type="error" showIcon title={refused} style={{ marginBottom: 16 }} data-testid="checklist-refused" /> : <ErrorAlert error={error} />}
      {mode === 'create' ? (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="key" label={t('checklists.fields.key')} rules={required(t('checklists.fields.key'))} extra={t('checklists.keyHint')}>
              <Input data-testid="checklist-key" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('checklists.fields.name')} rules={required(t('checklists.fields.name'))}>
              <Input maxLength={120} data-testid="checklist-name" />
            </Form.Item>
          </Col>
        </Row>
      ) : (
        <Form.Item name="note" label={t('checklists.fields.note')} rules={required(t('checklists.fields.note'))}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('checklists.notePlaceholder')} data-testid="checklist-note" />
        </Form.Item>
      )}
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                title={t('checklists.itemN', { n: i + 1 })}
                data-testid={`editor-item-${i}`}
                extra={fields.length > 1 && <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('checklists.removeItem')} />}
              >
                <Row gutter={12}>
                  <Col xs={12} md={6}><Form.Item name={[f.name, 'key']} label={t('checklists.fields.key')} rules={required(t('checklists.fields.key'))}><Input data-testid={`item-key-${i}`} /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name={[f.name, 'section']} label={t('checklists.fields.section')} rules={required(t('checklists.fields.section'))}><Input maxLength={40} data-testid={`item-section-${i}`} /></Form.Item></Col>
                  <Col xs={12} md={4}><Form.Item name={[f.name, 'weight']} label={t('checklists.fields.weight')} rules={required(t('checklists.fields.weight'))}><InputNumber style={{ width: '100%' }} data-testid={`item-weight-${i}`} /></Form.Item></Col>
                  <Col xs={12} md={8}>
                    <Form.Item name={[f.name, 'liveFigure']} label={t('checklists.fields.liveFigure')}>
                      <Select allowClear options={LIVE_FIGURES.map((k) => ({ value: k, label: t(`checklists.live.${k.replace('plan:', 'plan_')}` as MessageKey) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}><Form.Item name={[f.name, 'title', 'zh-CN']} label={t('checklists.fields.title_zh')} rules={required(t('checklists.fields.title_zh'))}><Input.TextArea autoSize maxLength={300} data-testid={`item-title-${i}`} /></Form.Item></Col>
                  <Col xs={24} md={12}><Form.Item name={[f.name, 'title', 'en']} label={t('checklists.fields.title_en')}><Input.TextArea autoSize maxLength={300} /></Form.Item></Col>
                  <Col xs={24} md={12}><Form.Item name={[f.name, 'evidence', 'zh-CN']} label={t('checklists.fields.evidence_zh')} rules={required(t('checklists.fields.evidence_zh'))}><Input.TextArea autoSize maxLength={300} data-testid={`item-evidence-${i}`} /></Form.Item></Col>
                  <Col xs={24} md={12}><Form.Item name={[f.name, 'evidence', 'en']} label={t('checklists.fields.evidence_en')}><Input.TextArea autoSize maxLength={300} /></Form.Item></Col>
                </Row>
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add(blankItem())} block data-testid="item-add">{t('checklists.addItem')}</Button>
          </Space>
        )}
      </Form.List>
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={pending} data-testid="checklist-submit">{t(mode === 'create' ? 'checklists.create' : 'checklists.publish')}</Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
