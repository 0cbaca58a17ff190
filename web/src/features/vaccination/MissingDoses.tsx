import { App, Button, Flex, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { useNotifyError } from '../../shared/ui/errors';
import { type MissingDose, type MissingStudent, type Schedule, useVaccinationMutations } from './api';

/** Missing doses by vaccine name; `detailed` adds due/recorded counts (the check result has them, the list does not). */
export function MissingDoses({ missing, schedule, detailed }: { missing: MissingDose[]; schedule: Schedule | undefined; detailed?: boolean }) {
  const { t, locale } = useI18n();
  const name = (code: string) => {
    const v = schedule?.vaccines.find((x) => x.code === code);
    return v ? (locale === 'en' ? v.nameEn : v.nameZh) : code;
  };
  return (
    <Flex wrap gap={4} data-testid="vacc-missing-doses">
      {missing.map((m) => (
        <Tag key={m.code} color="red" data-code={m.code} data-missing={m.missing}>
          {name(m.code)} ·{' '}
          {detailed && m.required !== undefined && m.received !== undefined
            ? t('vaccination.missingLine', { required: m.required, received: m.received, missing: m.missing })
            : t('vaccination.missingShort', { missing: m.missing })}
        </Tag>
      ))}
    </Flex>
  );
}

const FOLLOW_UP_COLOR = { none: 'default', referred: 'orange', caught_up: 'green' } as const;

export function FollowUpTag({ value }: { value: MissingStudent['followUp'] }) {
  const { t } = useI18n();
  const label = value === 'referred' ? t('vaccination.referred') : value === 'caught_up' ? t('vaccination.caughtUp') : t('vaccination.noFollowUp');
  return <Tag color={FOLLOW_UP_COLOR[value]} data-testid="vacc-follow-up-state" data-value={value}>{label}</Tag>;
}

/** Referral to the community health centre for catch-up, or the catch-up done, with an optional note. */
export function FollowUpActions({ checkId, onDone }: { checkId: number; onDone?: () => void }) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const m = useVaccinationMutations();
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<'referred' | 'caught_up' | null>(null);
  if (!can('vaccination.write')) return null;
  const save = (followUp: 'referred' | 'caught_up') =>
    m.followUp.mutate(
      { checkId, followUp, note: note.trim() },
      {
        onSuccess: () => {
          setSaved(followUp);
          message.success(t('vaccination.followUpSaved'));
          onDone?.();
        },
        onError: notifyError,
      },
    );
  return (
    <Flex vertical gap={6} data-testid="vacc-follow-up">
      <Input maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('vaccination.followUpNote')} data-testid="vacc-follow-up-note" />
      <Flex wrap gap={8} align="center">
        <Button onClick={() => save('referred')} loading={m.followUp.isPending} data-testid="vacc-refer">{t('vaccination.markReferred')}</Button>
        <Button onClick={() => save('caught_up')} loading={m.followUp.isPending} data-testid="vacc-caught-up">{t('vaccination.markCaughtUp')}</Button>
        {saved && <FollowUpTag value={saved} />}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('vaccination.followUpHint')}</Typography.Text>
    </Flex>
  );
}
