import { Card, Input, Segmented, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../shared/i18n';
import { useText } from '../governance-dashboard/text';
import type { Item } from './api';
import { INSPECTION_TEXT } from './text';

export type Answers = Record<string, { result: string; note: string }>;

/** One card per checklist item, thumb-sized choices for a phone on site; the platform's figure beside it. */
export function ChecklistAnswers({ items, answers, onChange, disabled }: { items: Item[]; answers: Answers; onChange: (a: Answers) => void; disabled?: boolean }) {
  const x = useText(INSPECTION_TEXT);
  const { locale } = useI18n();
  const lang = locale === 'en' ? 'en' : 'zh-CN';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="checklist-items">
      {items.map((item) => {
        const a = answers[item.key];
        return (
          <Card key={item.key} size="small" data-testid={`item-${item.key}`} style={{ borderColor: a?.result === 'fail' ? '#ff4d4f' : undefined }}>
            <Typography.Text strong>{item.title[lang] || item.title['zh-CN']}</Typography.Text>
            <div><Typography.Text type="secondary">{x.evidence}: {item.evidence[lang] || item.evidence['zh-CN']}</Typography.Text></div>
            {item.liveFigure?.available && <Tag color={item.liveFigure.ok === false ? 'red' : item.liveFigure.ok ? 'green' : 'default'}>{x.live}: {item.liveFigure.value} · {item.liveFigure.detail}</Tag>}
            <Segmented
              block
              disabled={disabled}
              style={{ marginTop: 8 }}
              value={a?.result}
              options={Object.entries(x.results).map(([value, label]) => ({ value, label }))}
              onChange={(v) => onChange({ ...answers, [item.key]: { result: String(v), note: a?.note ?? '' } })}
              data-testid={`answer-${item.key}`}
            />
            {a && a.result !== 'pass' && (
              <Input.TextArea disabled={disabled} autoSize placeholder={x.note} style={{ marginTop: 8 }} value={a.note} onChange={(e) => onChange({ ...answers, [item.key]: { ...a, note: e.target.value } })} data-testid={`note-${item.key}`} />
            )}
          </Card>
        );
      })}
    </Space>
  );
}
