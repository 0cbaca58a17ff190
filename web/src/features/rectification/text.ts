export const FINDING_TEXT = {
  'zh-CN': {
    title: '问题整改', school: '学校', finding: '问题', owner: '责任人', deadline: '整改期限', status: '状态', evidence: '佐证', requiredEvidence: '佐证要求', escalated: '已上报至',
    statuses: { open: '整改中', submitted: '待复查', closed: '已销号', overdue: '逾期', mine: '我负责的' } as Record<string, string>,
    all: '全部', overdue: '逾期', upload: '上传整改佐证（照片或 PDF）', uploaded: '佐证已上传，等待复查', duplicate: '该文件已上传过', note: '说明',
    recheck: '回头看（复查）', close: '复查通过，销号', reopen: '退回重新整改', rechecked: '已记录复查结论', events: '经过',
    kinds: { created: '登记', evidence: '提交佐证', closed: '销号', reopened: '退回', escalated: '逾期上报' } as Record<string, string>,
    sources: { inspection: '督查', self_report: '自查', manual: '登记' } as Record<string, string>,
  },
  en: {
    title: 'Rectification', school: 'School', finding: 'Finding', owner: 'Owner', deadline: 'Deadline', status: 'Status', evidence: 'Evidence', requiredEvidence: 'Required evidence', escalated: 'Escalated to',
    statuses: { open: 'Open', submitted: 'Awaiting re-check', closed: 'Closed', overdue: 'Overdue', mine: 'Mine' } as Record<string, string>,
    all: 'All', overdue: 'Overdue', upload: 'Upload evidence (photo or PDF)', uploaded: 'Evidence uploaded; awaiting re-check', duplicate: 'This file was uploaded already', note: 'Note',
    recheck: 'Re-check', close: 'Passed: close', reopen: 'Send back', rechecked: 'Re-check recorded', events: 'History',
    kinds: { created: 'Created', evidence: 'Evidence', closed: 'Closed', reopened: 'Reopened', escalated: 'Escalated' } as Record<string, string>,
    sources: { inspection: 'Inspection', self_report: 'Self-report', manual: 'Manual' } as Record<string, string>,
  },
};
