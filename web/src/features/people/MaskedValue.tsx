import { EyeOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useT } from '../../shared/i18n';
import { useNotifyError } from '../../shared/ui/errors';
import { type UnmaskField, useUnmask } from './api';

interface MaskedValueProps {
  personId: number;
  field: UnmaskField;
  /** Which guardian, for `guardianPhone`. */
  guardianId?: number;
  masked: string | null;
  canUnmask: boolean;
  /** Shown before the value (a phone icon for guardians). */
  icon?: ReactNode;
}

/** A masked identifier with a "显示完整" button where the server says `can.unmask`. */
export function MaskedValue({ personId, field, guardianId, masked, canUnmask, icon }: MaskedValueProps) {
  const t = useT();
  const notifyError = useNotifyError();
  const unmask = useUnmask(personId);
  const [full, setFull] = useState<string | null>(null);
  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;
  if (full) {
    return (
      <Space size={4}>
        {icon}
        <Tooltip title={t('person.unmasked')}>
          <Typography.Text copyable data-testid={`unmasked-${field}`}>{full}</Typography.Text>
        </Tooltip>
      </Space>
    );
  }
  return (
    <Space size={4} wrap>
      {icon}
      <Typography.Text data-testid={`masked-${field}`}>{masked}</Typography.Text>
      {canUnmask && (
        <Button
          size="small"
          type="link"
          icon={<EyeOutlined />}
          loading={unmask.isPending}
          data-testid={`unmask-${field}`}
          onClick={() => unmask.mutate({ field, guardianId }, { onSuccess: (r) => setFull(r.value ?? '—'), onError: notifyError })}
        >
          {t('person.unmask')}
        </Button>
      )}
    </Space>
  );
}
