import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Cascader, Checkbox, Flex, Form, Input, Radio, Result, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { chinaToday } from '../../shared/china-time';
import { loadHenanRegions } from '../../shared/henan-regions';
import { type MessageKey, useI18n } from '../../shared/i18n';
import { zhCN } from '../../shared/i18n/zh-CN';
import { useErrorText } from '../../shared/ui/errors';
import { LanguageSwitch } from '../../shared/ui/LanguageSwitch';
import { fieldOfError } from './answer-errors';
import { type PublicAnswer, type PublicLink, type PublicPerson, usePublicAnswer, usePublicLink } from './public-api';

interface Stay {
  region?: string[];
  place?: string;
  fromDate?: string;
  toDate?: string;
}
interface Values {
  returned?: boolean;
  travel?: Stay[];
  riskAreaResidence?: boolean;
  residence?: string[];
  residencePlace?: string;
  occupation?: string;
  symptoms?: string[];
}

const SYMPTOMS = Object.keys(zhCN.symptom);
const last = (path?: string[]) => (path?.length ? path[path.length - 1] : undefined);

function toBody(personId: number, v: Values, q: PublicLink['campaign']['questions']): PublicAnswer {
  const risk = q.riskAreaResidence ? v.riskAreaResidence === true : false;
  return {
    personId,
    answers: {
      returned: v.returned === true,
      travel: q.travel ? (v.travel ?? []).map((s) => ({ regionCode: last(s.region) ?? '', place: (s.place ?? '').trim(), fromDate: s.fromDate ?? '', toDate: s.toDate ?? '' })) : [],
      riskAreaResidence: risk,
      ...(risk && last(v.residence) ? { residenceRegionCode: last(v.residence) } : {}),
      ...(risk && v.residencePlace?.trim() ? { residencePlace: v.residencePlace.trim() } : {}),
      ...(q.occupation && v.occupation?.trim() ? { occupation: v.occupation.trim() } : {}),
      symptoms: q.symptoms ? (v.symptoms ?? []) : [],
    },
  };
}

/** A parent's phone page behind a screening link: no login, the link's signed token is the authority. */
export function PublicAnswerPage() {
  const token = useParams().token ?? '';
  const { t, locale } = useI18n();
  const link = usePublicLink(token, locale);
  const errorText = useErrorText();
  return (
    <div data-testid="public-answer-page" style={{ maxWidth: 560, margin: '0 auto', padding: 12 }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text strong>{t('app.name')}</Typography.Text>
        <LanguageSwitch />
      </Flex>
      {link.isPending && <Spin style={{ display: 'block', margin: 48 }} />}
      {link.error && (
        <Result
          status="warning"
          title={t('publicScreening.loadFailed')}
          subTitle={
            <span data-testid="public-link-error" data-code={link.error instanceof ApiError ? link.error.code : ''}>
              {errorText(link.error)} {t('publicScreening.askTeacher')}
            </span>
          }
          extra={link.error instanceof ApiError && link.error.status === 429 ? <Button onClick={() => void link.refetch()}>{t('common.retry')}</Button> : undefined}
        />
      )}
      {link.data && <Answering token={token} data={link.data} />}
    </div>
  );
}

function Answering({ token, data }: { token: string; data: PublicLink }) {
  const { t } = useI18n();
  const { campaign, persons } = data;
  const open = campaign.status === 'open' && campaign.deadline >= chinaToday();
  const [personId, setPersonId] = useState<number | undefined>(() => (persons.find((p) => !p.answered) ?? persons[0])?.personId);
  const [done, setDone] = useState<PublicPerson | null>(null);
  // What was sent per person, so "change the answer" starts from it rather than from blank.
  const [sent, setSent] = useState<Record<number, Values>>({});
  const who = persons.find((p) => p.personId === personId);
  const nextUp = persons.find((p) => !p.answered && p.personId !== done?.personId);
  const label = (p: PublicPerson) => `${p.name}（${p.relation || t(`publicScreening.kind.${p.kind}` as MessageKey)}）`;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Text type="secondary" data-testid="public-heading">{t('publicScreening.title')}</Typography.Text>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="public-campaign-title">
          {campaign.name}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('publicScreening.deadline', { date: campaign.deadline })} · {t('publicScreening.intro')}
        </Typography.Paragraph>
      </Card>
      {!open && <Alert type="info" showIcon data-testid="public-closed" message={t('publicScreening.closed')} />}
      <Card size="small" title={t('publicScreening.who')}>
        <Radio.Group value={personId} onChange={(e) => { setPersonId(e.target.value as number); setDone(null); }} style={{ display: 'flex', flexDirection: 'column', gap: 10 }} disabled={!open}>
          {persons.map((p) => (
            <Radio key={p.personId} value={p.personId} data-testid="public-person" data-person-id={p.personId} data-answered={p.answered}>
              {label(p)} <Tag color={p.answered ? 'green' : 'default'}>{p.answered ? t('publicScreening.answered') : t('publicScreening.notAnswered')}</Tag>
            </Radio>
          ))}
        </Radio.Group>
      </Card>
      {open && done && (
        <Result
          status="success"
          data-testid="public-answer-done"
          data-person-id={done.personId}
          title={t('publicScreening.submitted')}
          subTitle={t('publicScreening.submittedFor', { name: done.name })}
          extra={[
            nextUp ? (
              <Button key="next" type="primary" size="large" data-testid="public-next" onClick={() => { setPersonId(nextUp.personId); setDone(null); }}>
                {t('publicScreening.next', { name: nextUp.name })}
              </Button>
            ) : (
              <Typography.Paragraph key="all">{t('publicScreening.allDone')}</Typography.Paragraph>
            ),
            <Button key="edit" size="large" data-testid="public-edit" onClick={() => setDone(null)}>
              {t('publicScreening.edit')}
            </Button>,
          ]}
        />
      )}
      {open && !done && who && (
        <AnswerForm
          key={who.personId}
          token={token}
          person={who}
          questions={campaign.questions}
          initial={sent[who.personId]}
          onSent={(v) => {
            setSent((s) => ({ ...s, [who.personId]: v }));
            setDone(who);
            window.scrollTo({ top: 0 });
          }}
        />
      )}
    </Space>
  );
}

function AnswerForm({ token, person, questions: q, initial, onSent }: { token: string; person: PublicPerson; questions: PublicLink['campaign']['questions']; initial?: Values; onSent(v: Values): void }) {
  const { t, tv, locale } = useI18n();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const answer = usePublicAnswer(token, locale);
  const [error, setError] = useState<string | null>(null);
  const regions = useQuery({ queryKey: ['region-options', locale], queryFn: () => loadHenanRegions(locale, { withProvince: false }), staleTime: Number.POSITIVE_INFINITY, enabled: q.travel || q.riskAreaResidence });
  const risk = Form.useWatch('riskAreaResidence', form);
  const required = useMemo(() => [{ required: true, message: t('publicScreening.required') }], [t]);
  useEffect(() => setError(null), [person.personId]);

  const submit = (v: Values) => {
    setError(null);
    answer.mutate(toBody(person.personId, v, q), {
      onSuccess: () => onSent(v),
      onError: (err) => {
        const message = errorText(err);
        const field = fieldOfError(err, t);
        // The server's path is only known at run time; antd checks it against the store, not the type.
        if (field?.path) form.setFields([{ name: field.path as never, errors: [message] }]);
        setError(field ? t('publicScreening.fieldError', { field: field.label, message }) : message);
      },
    });
  };
  const yesNo = (name: string) => (
    <Radio.Group optionType="button" buttonStyle="solid" size="large">
      <Radio value={true}>
        <span data-testid={`public-${name}-yes`}>{t('common.yes')}</span>
      </Radio>
      <Radio value={false}>
        <span data-testid={`public-${name}-no`}>{t('common.no')}</span>
      </Radio>
    </Radio.Group>
  );
  const travelTitle = q.travelFrom && q.travelTo ? t('publicScreening.travel', { from: q.travelFrom, to: q.travelTo }) : t('publicScreening.travelAny');

  return (
    <Card size="small" title={`${person.name}`}>
      {error && <Alert type="error" showIcon data-testid="public-answer-error" message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial ?? { travel: [], symptoms: [], ...(q.riskAreaResidence ? {} : { riskAreaResidence: false }) }} onFinish={submit} scrollToFirstError>
        <Form.Item name="returned" label={t('publicScreening.returned')} rules={required} data-testid="public-returned">
          {yesNo('returned')}
        </Form.Item>
        {q.travel && (
          <Form.Item label={travelTitle}>
            <Form.List name="travel">
              {(fields, { add, remove }) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {fields.length === 0 && <Typography.Text type="secondary">{t('publicScreening.noTravel')}</Typography.Text>}
                  {fields.map((f, i) => (
                    <Card key={f.key} size="small" data-testid="public-stay" title={`${t('publicScreening.fields.travel')} ${i + 1}`} extra={<Button type="link" danger onClick={() => remove(f.name)}>{t('publicScreening.removeStay')}</Button>}>
                      <Form.Item name={[f.name, 'region']} label={t('publicScreening.stayRegion')} rules={required}>
                        <Cascader options={regions.data ?? []} loading={regions.isPending} changeOnSelect placeholder={t('publicScreening.regionPlaceholder')} data-testid="public-stay-region" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'place']} label={t('publicScreening.stayPlace')} rules={[...required, { max: 100 }]}>
                        <Input placeholder={t('publicScreening.placePlaceholder')} maxLength={100} data-testid="public-stay-place" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'fromDate']} label={t('publicScreening.stayFrom')} rules={required}>
                        {/* No native `max`: the browser would refuse in its own words; the server's rule (school days are Shanghai days) answers, naming the field. */}
                        <Input type="date" data-testid="public-stay-from" />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'toDate']}
                        label={t('publicScreening.stayTo')}
                        dependencies={[['travel', f.name, 'fromDate']]}
                        rules={[
                          ...required,
                          ({ getFieldValue }) => ({
                            validator: (_, v?: string) => {
                              const from = getFieldValue(['travel', f.name, 'fromDate']) as string | undefined;
                              return !v || !from || v >= from ? Promise.resolve() : Promise.reject(new Error(t('publicScreening.toBeforeFrom')));
                            },
                          }),
                        ]}
                      >
                        <Input type="date" data-testid="public-stay-to" />
                      </Form.Item>
                    </Card>
                  ))}
                  <Button block onClick={() => add({})} data-testid="public-add-stay">
                    + {t('publicScreening.addStay')}
                  </Button>
                </Space>
              )}
            </Form.List>
          </Form.Item>
        )}
        {q.riskAreaResidence && (
          <Form.Item name="riskAreaResidence" label={t('publicScreening.riskArea')} rules={required}>
            {yesNo('risk')}
          </Form.Item>
        )}
        {q.riskAreaResidence && risk === true && (
          <>
            <Form.Item name="residence" label={t('publicScreening.residenceRegion')}>
              <Cascader options={regions.data ?? []} loading={regions.isPending} changeOnSelect placeholder={t('publicScreening.regionPlaceholder')} />
            </Form.Item>
            <Form.Item name="residencePlace" label={t('publicScreening.residencePlace')} rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        {q.occupation && person.kind !== 'student' && (
          <Form.Item name="occupation" label={t('publicScreening.occupation')} extra={t('publicScreening.occupationHint')} rules={[{ max: 60 }]}>
            <Input maxLength={60} data-testid="public-occupation" />
          </Form.Item>
        )}
        {q.symptoms && (
          <Form.Item name="symptoms" label={t('publicScreening.symptoms')}>
            <Checkbox.Group style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
              {SYMPTOMS.map((s) => (
                <Checkbox key={s} value={s}>
                  <span data-testid={`public-symptom-${s}`}>{tv('symptom', s)}</span>
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" size="large" block loading={answer.isPending} data-testid="public-submit">
          {person.answered ? t('publicScreening.update') : t('publicScreening.submit')}
        </Button>
      </Form>
    </Card>
  );
}
