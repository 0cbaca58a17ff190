import { Card, List, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../shared/auth';
import { ErrorAlert } from '../../shared/ui/errors';
import { useClassLinks, useCoverage } from './api';
import { useScreeningText } from './strings';

/**
 * The signed links a school hands to parents, one per student of a class. A class teacher gets
 * their own class at once; school staff choose among the classes the coverage lists (the same
 * population rule, so a class without anyone to screen is not offered).
 */
export function ParentLinks({ campaignId }: { campaignId: number }) {
  const { s } = useScreeningText();
  const me = useMe();
  const own = me.account.scope.classId;
  const classes = useCoverage(campaignId, 'class', own ? undefined : me.account.scope.schoolId);
  const options = (classes.data?.items ?? []).filter((c) => /^\d+$/.test(c.key)).map((c) => ({ value: Number(c.key), label: c.name }));
  const [chosen, setChosen] = useState<number | undefined>();
  const classId = chosen ?? own ?? (options.length === 1 ? options[0].value : undefined);
  const links = useClassLinks(campaignId, classId);
  return (
    <Card
      size="small"
      title={s.links}
      data-testid="screening-links"
      extra={!own && <Select style={{ minWidth: 180 }} placeholder={s.chooseClass} value={classId} onChange={setChosen} options={options} loading={classes.isPending} data-testid="screening-links-class" />}
    >
      <Typography.Paragraph type="secondary">{s.linksHint}</Typography.Paragraph>
      <ErrorAlert error={classes.error ?? links.error} onRetry={() => void links.refetch()} />
      {classId != null && (
        <List
          size="small"
          loading={links.isPending}
          dataSource={links.data?.items ?? []}
          pagination={{ pageSize: 60, hideOnSinglePage: true }}
          renderItem={(l) => {
            const url = `${window.location.origin}${l.path}`;
            return (
              <List.Item key={l.personId} data-testid="screening-link-row" data-person-id={l.personId} data-answered={l.answered}>
                <span>
                  {l.name} <Tag color={l.answered ? 'green' : 'default'}>{l.answered ? s.answered : s.notAnswered}</Tag>
                </span>
                <Typography.Text copyable={{ text: url, tooltips: [s.copy] }}>
                  <a href={l.path} target="_blank" rel="noreferrer" data-testid="screening-link">
                    {s.open}
                  </a>
                </Typography.Text>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
