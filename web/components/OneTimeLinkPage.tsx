import { Alert, Anchor, Button, Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, isApiError } from '../api';
import { ErrorAlert, Loading } from './Feedback';
import { PublicLayout } from './PublicLayout';
import { TotpEnrolment } from './TotpEnrolment';

/**
 * The page a one-time link opens (invite, password or 2FA reset): loads what the link grants from
 * `${apiPath}/${token}`, says so when the link no longer works, and shows the success once done.
 */
export function OneTimeLinkPage<T>(props: {
  title: string;
  apiPath: string;
  /** The problem code of a used, expired or unknown link. */
  invalidCode: string;
  invalidTitle: string;
  invalidTestId: string;
  successTitle: string;
  successText: string;
  successTestId: string;
  children: (data: T, token: string, onDone: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [done, setDone] = useState(false);
  const link = useQuery({
    queryKey: [props.apiPath, token],
    queryFn: ({ signal }) => api<T>(`${props.apiPath}/${encodeURIComponent(token)}`, { signal }),
    retry: false,
    refetchOnWindowFocus: false,
    enabled: !done,
  });

  return (
    <PublicLayout>
      <Card withBorder radius="md" maw={480} mx="auto">
        <Stack gap="sm">
          <Title order={1} size="h2">
            {props.title}
          </Title>
          {done ? (
            <Alert color="green" title={props.successTitle} data-testid={props.successTestId}>
              <Stack gap="sm" align="flex-start">
                <Text size="sm">{props.successText}</Text>
                <Button component={Link} to="/console/login" color="red">
                  {t('auth.goLogin')}
                </Button>
              </Stack>
            </Alert>
          ) : link.isPending ? (
            <Loading />
          ) : link.isError ? (
            isApiError(link.error, props.invalidCode, 404, 410) ? (
              <Alert color="orange" title={props.invalidTitle} data-testid={props.invalidTestId}>
                <Stack gap="sm" align="flex-start">
                  <Text size="sm">{t(`errors.${props.invalidCode}`)}</Text>
                  <Anchor component={Link} to="/console/login">
                    {t('auth.goLogin')}
                  </Anchor>
                </Stack>
              </Alert>
            ) : (
              <ErrorAlert error={link.error} onRetry={() => void link.refetch()} />
            )
          ) : (
            props.children(link.data, token, () => setDone(true))
          )}
        </Stack>
      </Card>
    </PublicLayout>
  );
}

/**
 * The submit of a one-time link's form: checks the fields (`errors`, shown once submitted), posts
 * the body, calls onDone on success and keeps the error otherwise.
 */
export function useLinkFormSubmit(
  path: string,
  errors: Record<string, string | null>,
  body: () => Record<string, string>,
  onDone: () => void,
) {
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!Object.values(errors).every((v) => v === null)) return;
    setBusy(true);
    setError(null);
    try {
      await api(path, { method: 'POST', body: body() });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  /** A field's error, once the form was submitted. */
  const show = (field: string) => (touched ? (errors[field] ?? null) : null);
  return { submit, show, error, busy };
}

/** The end of a one-time link's form: the new 2FA secret to enrol (when there is one), the error, the submit button. */
export function LinkFormEnd(props: {
  enrolment: { uri: string; secret: string } | null;
  totp: string;
  onTotp: (code: string) => void;
  totpError: string | null;
  error: unknown;
  busy: boolean;
  submitLabel: string;
}) {
  return (
    <>
      {props.enrolment && (
        <TotpEnrolment
          uri={props.enrolment.uri}
          secret={props.enrolment.secret}
          code={props.totp}
          onCode={props.onTotp}
          error={props.totpError}
        />
      )}
      {props.error !== null && <ErrorAlert error={props.error} />}
      <Button type="submit" color="red" loading={props.busy} fullWidth>
        {props.submitLabel}
      </Button>
    </>
  );
}
