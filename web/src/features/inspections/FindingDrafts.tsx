import { Button, Card, DatePicker, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../shared/i18n';
import { addDays, chinaToday } from '../../shared/china-time';
import { useText } from '../governance-dashboard/text';
import type { FindingDraft, Item } from './api';
import { INSPECTION_TEXT } from './text';

/** Findings written with an inspection or a review: each needs a deadline and the evidence that will close it. */
export function FindingDrafts({ items, drafts, onChange }: { items: Item[]; drafts: FindingDraft[]; onChange: (d: FindingDraft[]) => void }) {
  const x = useText(INSPECTION_TEXT);
  const { locale } = useI18n();
  const set = (i: number, patch: Partial<FindingDraft>) => onChange(drafts.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="finding-drafts">
      {drafts.map((d, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: drafts have no id before they are saved; every input is controlled, so re-keying loses nothing
        <Card key={i} size="small" data-testid="finding-draft" extra={<Button size="small" onClick={() => onChange(drafts.filter((_, k) => k !== i))}>{x.remove}</Button>}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Select allowClear placeholder={x.item} style={{ width: '100%' }} value={d.itemKey} onChange={(v) => set(i, { itemKey: v })} options={items.map((it) => ({ value: it.key, label: locale === 'en' ? it.title.en || it.title['zh-CN'] : it.title['zh-CN'] }))} data-testid="finding-item" />
            <Input placeholder={x.findingTitle} value={d.title} onChange={(e) => set(i, { title: e.target.value })} data-testid="finding-title" />
            <Input placeholder={x.requiredEvidence} value={d.requiredEvidence} onChange={(e) => set(i, { requiredEvidence: e.target.value })} data-testid="finding-evidence" />
            <DatePicker style={{ width: '100%' }} placeholder={x.deadline} value={d.deadline ? dayjs(d.deadline) : null} onChange={(v) => set(i, { deadline: v ? v.format('YYYY-MM-DD') : '' })} data-testid="finding-deadline" />
          </Space>
        </Card>
      ))}
      <Button onClick={() => onChange([...drafts, { title: '', requiredEvidence: '', deadline: addDays(chinaToday(), 7) }])} data-testid="finding-add">{x.addFinding}</Button>
    </Space>
  );
}
