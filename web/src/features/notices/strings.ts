import { useI18n } from '../../shared/i18n';

const zh = {
  mine: '通知',
  none: '暂无通知',
  acknowledge: '已阅读并确认',
  acknowledged: '已确认',
  forChild: '学生：{name}',
  notices: '通知与告家长书',
  send: '发送通知',
  title: '标题',
  body: '正文',
  audience: '接收对象',
  audiences: { parents: '家长', students: '学生', staff: '教职工' },
  target: '发送范围',
  targets: { region: '行政区划（代码）', school: '学校', grade: '年级', class: '班级' },
  targetKey: '范围编号',
  sent: '已发送给 {n} 人',
  rate: '确认率',
  recipients: '接收人数',
  remind: '提醒未读',
  reminded: '已提醒 {n} 人（{accounts} 个家长或教职工账号收到消息）',
  pending: '未确认',
  byClass: '各班确认率',
  sentAt: '发送时间',
};
type Dict = typeof zh;
const en: Dict = {
  mine: 'Notices',
  none: 'No notices',
  acknowledge: 'I have read this',
  acknowledged: 'Acknowledged',
  forChild: 'Student: {name}',
  notices: 'Notices and letters',
  send: 'Send a notice',
  title: 'Title',
  body: 'Text',
  audience: 'Audience',
  audiences: { parents: 'Parents', students: 'Students', staff: 'Staff' },
  target: 'Target',
  targets: { region: 'Region (code)', school: 'School', grade: 'Grade', class: 'Class' },
  targetKey: 'Target id',
  sent: 'Sent to {n}',
  rate: 'Acknowledged',
  recipients: 'Recipients',
  remind: 'Remind',
  reminded: '{n} reminded ({accounts} parent or staff accounts notified)',
  pending: 'Not yet acknowledged',
  byClass: 'Rate per class',
  sentAt: 'Sent',
};

export function useNoticeText() {
  const { locale } = useI18n();
  return { n: locale === 'en' ? en : zh, fmt: (t: string, p: Record<string, string | number>) => t.replace(/\{(\w+)\}/g, (m, k: string) => (k in p ? String(p[k]) : m)) };
}
