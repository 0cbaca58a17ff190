/**
 * High-risk occupations (高危风险行业岗位) of the 2022 screening notices: cold-chain, ports and
 * border crossings, medical staff, quarantine hotels, transport and delivery. An answer's occupation
 * text is matched against these words; the list is data so a bureau notice can extend it.
 */
export const HIGH_RISK_OCCUPATION_WORDS = ['冷链', '进口', '港口', '口岸', '海关', '机场', '医务', '医护', '医生', '护士', '疾控', '隔离', '发热门诊', '运输', '司机', '货运', '快递', '物流', '核酸采样'];

export function isHighRiskOccupation(occupation: string, words: readonly string[] = HIGH_RISK_OCCUPATION_WORDS): boolean {
  const text = occupation.trim();
  return text.length > 0 && words.some((w) => text.includes(w));
}
