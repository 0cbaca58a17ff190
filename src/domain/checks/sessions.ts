// Check sessions, deadlines and lateness. School dates and deadlines are Asia/Shanghai wall-clock
// times; China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact.
export type CheckSession = 'morning' | 'noon' | 'evening';
export const SESSIONS: readonly CheckSession[] = ['morning', 'noon', 'evening'];

export interface SessionRule {
  session: CheckSession;
  /** 'HH:MM' local time. */
  deadline: string;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** Defaults when a school has configured nothing: 晨检 by 09:00, 午检 by 14:30, boarders' 晚检 by 20:30. */
export function defaultSessions(boarding: boolean): SessionRule[] {
  const rules: SessionRule[] = [
    { session: 'morning', deadline: '09:00' },
    { session: 'noon', deadline: '14:30' },
  ];
  if (boarding) rules.push({ session: 'evening', deadline: '20:30' });
  return rules;
}

/** The school's sessions: its own configuration when it has one, otherwise the defaults. */
export function sessionsOf(configured: SessionRule[], boarding: boolean): SessionRule[] {
  const list = configured.length ? configured : defaultSessions(boarding);
  return [...list].sort((a, b) => SESSIONS.indexOf(a.session) - SESSIONS.indexOf(b.session));
}

/** The school date ('YYYY-MM-DD') of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 'HH:MM' local time of an instant. */
export function shanghaiTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
}

/** The instant of a session's deadline on a school date. */
export function deadlineInstant(date: string, deadline: string): Date {
  return new Date(Date.parse(`${date}T${deadline}:00Z`) - SHANGHAI_OFFSET_MS);
}

/** A submission is late when it arrives after the deadline (a deadline minute itself is on time). */
export function isLate(date: string, deadline: string, submittedAt: Date): boolean {
  return submittedAt.getTime() >= deadlineInstant(date, deadline).getTime() + 60_000;
}
