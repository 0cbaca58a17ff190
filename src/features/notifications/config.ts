/**
 * Delivery settings: SMTP_URL (e.g. smtp://user:pass@mail.example.edu.cn:587) and SMTP_FROM for e-mail;
 * PUBLIC_URL to make links in e-mails and robot messages absolute. Read from the environment at first
 * use; tests point them at local sinks with `configureNotifications`.
 */
export interface NotificationConfig {
  smtpUrl: string | null;
  smtpFrom: string;
  publicUrl: string | null;
}

let config: NotificationConfig | null = null;

export function notificationConfig(): NotificationConfig {
  config ??= {
    smtpUrl: process.env.SMTP_URL || null,
    smtpFrom: process.env.SMTP_FROM || 'CampusGuard <noreply@localhost>',
    publicUrl: process.env.PUBLIC_URL || null,
  };
  return config;
}

export function configureNotifications(over: Partial<NotificationConfig>): void {
  config = { ...notificationConfig(), ...over };
}

export function absoluteLink(link: string | null | undefined): string | null {
  if (!link) return null;
  const base = notificationConfig().publicUrl;
  return base ? new URL(link, base).toString() : link;
}
