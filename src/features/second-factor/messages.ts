import type { MessageTable } from '../../i18n';

export const secondFactorMessages: MessageTable = {
  'auth.second_factor_required': { 'zh-CN': '请输入身份验证器中的 6 位动态验证码', en: 'Enter the 6-digit code from your authenticator app' },
  'auth.second_factor_invalid': { 'zh-CN': '验证码不正确或已使用过', en: 'The code is wrong or has already been used' },
  'auth.second_factor_enrolment_required': {
    'zh-CN': '您的账号须先开启两步验证（身份验证器动态码）才能继续使用',
    en: 'Your account must set up two-step verification (an authenticator app) before you can continue',
  },
  'auth.second_factor_already_active': { 'zh-CN': '两步验证已开启；如需更换手机，请先关闭', en: 'Two-step verification is already on; turn it off first to move to another phone' },
  'auth.second_factor_not_started': { 'zh-CN': '请先开始设置两步验证', en: 'Start setting up two-step verification first' },
  'auth.second_factor_not_active': { 'zh-CN': '两步验证未开启', en: 'Two-step verification is not on' },
  'auth.second_factor_reset_self': { 'zh-CN': '不能重置自己的两步验证；请在“账号安全”中用密码和验证码关闭', en: 'You cannot reset your own two-step verification; turn it off under Security with your password and a code' },
  'field.totpCode': { 'zh-CN': '验证码', en: 'verification code' },
};
