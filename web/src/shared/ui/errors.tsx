import { Alert, App, Button } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client';
import { useT } from '../i18n';

/** The text to show for an error: the server's own message (already in the user's language) first. */
export function useErrorText(): (error: unknown) => string {
  const t = useT();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if (error.message) return error.message;
        if (error.code === 'network') return t('common.networkError');
        return t('common.unknownError', { status: error.status });
      }
      if (error instanceof Error && error.message) return error.message;
      return t('common.unknownError', { status: '?' });
    },
    [t],
  );
}

/** A toast for failed actions (mutations): shows the server's message. */
export function useNotifyError(): (error: unknown) => void {
  const { message } = App.useApp();
  const text = useErrorText();
  return useCallback((error: unknown) => void message.error(text(error)), [message, text]);
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const text = useErrorText();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-alert"
      title={text(error)}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
