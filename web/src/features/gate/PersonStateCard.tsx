import { Alert, Card, Descriptions, Tag } from 'antd';
import type { Lookup } from './api';
import { useGateText } from './strings';
import { colon, joinList } from '../../shared/i18n/punctuation';

const RISK_COLOUR = { green: 'green', yellow: 'gold', red: 'red', unknown: 'default' } as const;

/** Who is at the gate and what their record says, before the temperature is taken. */
export function PersonStateCard({ lookup }: { lookup: Lookup }) {
  const { g, locale } = useGateText();
  const p = lookup.person;
  return (
    <Card size="small" data-testid="gate-person">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={g.name}>
          <strong data-testid="gate-person-name">{p.name}</strong> <Tag>{g.kinds[p.kind as keyof typeof g.kinds] ?? p.kind}</Tag>
        </Descriptions.Item>
        {p.className && <Descriptions.Item label={g.className}>{p.className}</Descriptions.Item>}
        {p.idNumberMasked && <Descriptions.Item label={g.byIdNumber}>{p.idNumberMasked}</Descriptions.Item>}
        <Descriptions.Item label={g.riskStatus}>
          <Tag color={RISK_COLOUR[lookup.state.riskStatus]} data-testid="gate-risk">{g.risk[lookup.state.riskStatus]}</Tag>
          {lookup.insideNow && <Tag color="blue">{g.insideNow}</Tag>}
        </Descriptions.Item>
      </Descriptions>
      {lookup.stateReasons.length > 0 ? (
        <Alert type="error" showIcon data-testid="gate-state-warning" title={`${g.mustRefuse}${colon(locale)}${joinList(locale, lookup.stateReasons.map((r) => g.reasons[r]))}`} />
      ) : (
        <Alert type="success" showIcon title={g.stateOk} />
      )}
    </Card>
  );
}
