import { useI18n } from '../../shared/i18n';

// The second factor's texts, beside it (login step, security page, forced enrolment, account list).
const zh = {
  title: '两步验证',
  intro: '开启后，登录时除密码外还须输入手机身份验证器（如微信小程序“腾讯身份验证器”、Google Authenticator、Microsoft Authenticator）中的 6 位动态验证码。',
  on: '已开启',
  off: '未开启',
  requiredNote: '您的角色（教育局或系统管理员）必须开启两步验证。',
  mustEnrol: '您的账号须先开启两步验证，才能继续使用本系统。',
  start: '开始设置',
  scan: '1. 用身份验证器扫描二维码，或手动输入下面的密钥：',
  secretLabel: '密钥',
  enterCode: '2. 输入身份验证器显示的 6 位验证码：',
  code: '验证码',
  codeRequired: '请输入 6 位验证码',
  confirm: '确认开启',
  recoveryTitle: '恢复码（只显示这一次）',
  recoveryIntro: '请抄写或打印并妥善保存这些恢复码。手机丢失时，每个恢复码可代替一次验证码登录。',
  recoverySaved: '我已保存恢复码',
  recoveryLeft: '剩余恢复码：{n} 个',
  disableTitle: '关闭两步验证',
  disableHint: '需要输入当前密码和一个验证码（或恢复码）。关闭后您在其他设备上的登录将失效。',
  password: '当前密码',
  disable: '关闭两步验证',
  disabled: '两步验证已关闭',
  enabled: '两步验证已开启；您在其他设备上的登录已失效',
  loginCodeTitle: '两步验证',
  loginCodeHint: '请输入身份验证器中的 6 位验证码；手机不在身边时可输入一个恢复码。',
  loginCodeLabel: '验证码或恢复码',
  back: '返回',
  column: '两步验证',
  reset: '重置两步验证',
  resetConfirm: '重置 {name} 的两步验证？该账号的登录将全部失效，下次登录只需密码。',
  resetDone: '已重置两步验证',
};
type Dict = typeof zh;

const en: Dict = {
  title: 'Two-step verification',
  intro: 'When it is on, logging in needs, besides the password, the 6-digit code from an authenticator app on your phone (Tencent Authenticator, Google Authenticator, Microsoft Authenticator …).',
  on: 'On',
  off: 'Off',
  requiredNote: 'Your role (bureau officer or system administrator) must use two-step verification.',
  mustEnrol: 'Your account must set up two-step verification before you can continue.',
  start: 'Set it up',
  scan: '1. Scan the QR code with your authenticator app, or type in this key:',
  secretLabel: 'Key',
  enterCode: '2. Enter the 6-digit code the app shows:',
  code: 'Code',
  codeRequired: 'Enter the 6-digit code',
  confirm: 'Turn on',
  recoveryTitle: 'Recovery codes (shown only this once)',
  recoveryIntro: 'Write these down or print them and keep them safe. If you lose your phone, each one logs you in once instead of a code.',
  recoverySaved: 'I have saved the recovery codes',
  recoveryLeft: 'Recovery codes left: {n}',
  disableTitle: 'Turn off two-step verification',
  disableHint: 'Needs your current password and a code (or a recovery code). Your logins on other devices end.',
  password: 'Current password',
  disable: 'Turn off',
  disabled: 'Two-step verification is off',
  enabled: 'Two-step verification is on; your logins on other devices have ended',
  loginCodeTitle: 'Two-step verification',
  loginCodeHint: 'Enter the 6-digit code from your authenticator app, or a recovery code if your phone is not at hand.',
  loginCodeLabel: 'Code or recovery code',
  back: 'Back',
  column: 'Two-step',
  reset: 'Reset two-step verification',
  resetConfirm: 'Reset the two-step verification of {name}? All its logins end; the next login needs only the password.',
  resetDone: 'Two-step verification reset',
};

export type SecondFactorText = (key: keyof Dict, params?: Record<string, string | number>) => string;

export function useSecondFactorText(): SecondFactorText {
  const { locale } = useI18n();
  const dict = locale === 'en' ? en : zh;
  return (key, params) => dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? String(params[name]) : m));
}
