import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Radio, Select, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { useMe } from '../../shared/auth';
import { useT } from '../../shared/i18n';
import { useErrorText, useNotifyError } from '../../shared/ui/errors';
import { useSchools } from '../schools/api';
import { downloadRosterTemplate, type RosterKind, type RosterResult, type RosterRowError, rosterRowErrors, useImportRoster } from './api';

type Outcome = { kind: 'ok'; result: RosterResult; file: string } | { kind: 'rows'; rows: RosterRowError[]; message: string } | { kind: 'error'; message: string };

/**
 * Upload a student or staff roster (.xlsx/.csv). The server checks every row first and imports
 * all or nothing; a rejected file comes back with every bad row, shown here in one table.
 */
export function RosterImportPage() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const ownSchool = me.account.scope.kind === 'school' ? me.account.scope.schoolId : undefined;
  const schoolId = Number(params.get('schoolId')) || ownSchool;
  const [kind, setKind] = useState<RosterKind>('student');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const schools = useSchools({ limit: 1000 }, !ownSchool);
  const importRoster = useImportRoster();

  function onFile(file: File | undefined) {
    if (!file || !schoolId) return;
    setOutcome(null);
    importRoster.mutate(
      { schoolId, kind, file },
      {
        onSuccess: (result) => {
          setOutcome({ kind: 'ok', result, file: file.name });
          message.success(t('roster.success', { n: result.imported ?? '' }));
        },
        onError: (err) => {
          const rows = rosterRowErrors(err);
          if (rows.length > 0) setOutcome({ kind: 'rows', rows, message: errorText(err) });
          else if (err instanceof ApiError && err.status === 404 && err.code === 'error.route_not_found') setOutcome({ kind: 'error', message: t('roster.unavailable') });
          else setOutcome({ kind: 'error', message: errorText(err) });
        },
      },
    );
    if (input.current) input.current.value = '';
  }

  async function onTemplate() {
    try {
      await downloadRosterTemplate(kind);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) message.error(t('roster.unavailable'));
      else notifyError(err);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('roster.title')}>
        <Form layout="vertical" style={{ maxWidth: 560 }}>
          {!ownSchool && (
            <Form.Item label={t('roster.school')} required>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('roster.pickSchool')}
                value={schoolId}
                loading={schools.isPending}
                options={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
                onChange={(v) => setParams({ schoolId: String(v) })}
                data-testid="roster-school"
              />
            </Form.Item>
          )}
          <Form.Item label={t('roster.kind')}>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} optionType="button" data-testid="roster-kind"
              options={[{ value: 'student', label: t('roster.student') }, { value: 'staff', label: t('roster.staff') }]} />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t('roster.hint')}</Typography.Paragraph>
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={onTemplate} data-testid="roster-template">{t('roster.template')}</Button>
            <Button type="primary" icon={<UploadOutlined />} disabled={!schoolId} loading={importRoster.isPending} onClick={() => input.current?.click()} data-testid="roster-upload">
              {importRoster.isPending ? t('roster.importing') : t('roster.upload')}
            </Button>
            <input
              ref={input}
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              style={{ display: 'none' }}
              data-testid="roster-upload-input"
              onChange={(e) => onFile(e.target.files?.[0])}
            />
          </Space>
        </Form>
      </Card>
      {outcome?.kind === 'ok' && (
        <Alert type="success" showIcon data-testid="roster-success" title={t('roster.success', { n: outcome.result.imported ?? '—' })} description={outcome.file} />
      )}
      {outcome?.kind === 'error' && <Alert type="error" showIcon data-testid="roster-error" title={outcome.message} />}
      {outcome?.kind === 'rows' && (
        <Card size="small">
          <Alert type="error" showIcon data-testid="roster-error" title={t('roster.rejected', { n: outcome.rows.length })} description={outcome.message} style={{ marginBottom: 12 }} />
          <Table<RosterRowError>
            data-testid="roster-row-errors"
            rowKey={(r, i) => `${r.row}-${r.column}-${r.code}-${i}`}
            size="small"
            dataSource={outcome.rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: t('roster.row'), dataIndex: 'row', width: 80 },
              { title: t('roster.column'), dataIndex: 'column', width: 160 },
              { title: t('roster.reason'), dataIndex: 'message' },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
