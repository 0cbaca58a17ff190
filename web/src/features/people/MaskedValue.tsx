import { EyeOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../shared/i18n';
import { useNotifyError } from '../../shared/ui/errors';
import { useUnmask } from './api';

/** A masked identifier with a "显示完整" button where the server says `can.unmask`. */
export function MaskedValue({ personId, field, masked, canUnmask }: { personId: number; field: 'idNumber' | 'phone'; masked: string | null; canUnmask: boolean }) {
  const t = useT();
  const notifyError = useNotifyError();
  const unmask = useUnmask(personId);
  const [full, setFull] = useState<string | null>(null);
  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;
  if (full) {
    return (
      <Tooltip title={t('person.unmasked')}>
        <Typography.Text copyable data-testid={`unmasked-${field}`}>{full}</Typography.Text>
      </Tooltip>
    );
  }
  return (
    <Space size={4} wrap>
      <Typography.Text data-testid={`masked-${field}`}>{masked}</Typography.Text>
      {canUnmask && (
        <Button
          size="small"
          type="link"
          icon={<EyeOutlined />}
          loading={unmask.isPending}
          data-testid={`unmask-${field}`}
          onClick={() => unmask.mutate(field, { onSuccess: (r) => setFull(r.value ?? '—'), onError: notifyError })}
        >
          {t('person.unmask')}
        </Button>
      )}
    </Space>
  );
}
