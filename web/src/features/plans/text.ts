export const PLAN_TEXT = {
  'zh-CN': {
    title: '预案与应急处置', plans: '预案', drills: '演练', teams: '指导组', incidents: '舆情', planTitle: '标题', kind: '类别', version: '版本', updated: '更新时间', newPlan: '新建预案', body: '正文', save: '保存', saved: '已保存',
    newVersion: '保存为新版本', versionNote: '修订说明', heldOn: '演练日期', scenario: '情景', participants: '参演人数', summary: '概要', record: '登记演练',
    teamName: '指导组', area: '片区', members: '成员', visits: '指导次数', lastVisit: '最近指导', reportedAt: '发现时间', source: '来源', severity: '等级', status: '状态', respond: '回应', closeIt: '回应并办结', report: '登记舆情',
    kinds: { work_plan: '工作方案', emergency_response: '应急处置预案', public_opinion: '舆情应对预案', online_teaching: '线上教学预案', other: '其他' } as Record<string, string>,
    teamKinds: { mobile: '机动指导组', fixed_area: '片区固定指导组' } as Record<string, string>,
    severities: { low: '一般', medium: '较大', high: '重大' } as Record<string, string>,
    statuses: { open: '处置中', closed: '已办结' } as Record<string, string>,
  },
  en: {
    title: 'Plans and response', plans: 'Plans', drills: 'Drills', teams: 'Guidance teams', incidents: 'Public opinion', planTitle: 'Title', kind: 'Kind', version: 'Version', updated: 'Updated', newPlan: 'New plan', body: 'Text', save: 'Save', saved: 'Saved',
    newVersion: 'Save as a new version', versionNote: 'What changed', heldOn: 'Date', scenario: 'Scenario', participants: 'Participants', summary: 'Summary', record: 'Record drill',
    teamName: 'Team', area: 'Area', members: 'Members', visits: 'Visits', lastVisit: 'Last visit', reportedAt: 'Reported', source: 'Source', severity: 'Severity', status: 'Status', respond: 'Respond', closeIt: 'Respond and close', report: 'Report incident',
    kinds: { work_plan: 'Work plan', emergency_response: 'Emergency response plan', public_opinion: 'Public-opinion plan', online_teaching: 'Online teaching plan', other: 'Other' } as Record<string, string>,
    teamKinds: { mobile: 'Mobile team', fixed_area: 'Fixed area team' } as Record<string, string>,
    severities: { low: 'Low', medium: 'Medium', high: 'High' } as Record<string, string>,
    statuses: { open: 'Open', closed: 'Closed' } as Record<string, string>,
  },
};
