import { Alert, Anchor, Button, Card, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useVerify } from '../broadcasts/residentApi';
import type { VerifyResult } from '../broadcasts/types';
import { verifyQueryFor, verifyQueryFromParams, type VerifyParam } from '../broadcasts/verify-input';
import { ErrorAlert, Loading } from '../components/Feedback';
import { APP_ICONS, InlineIcon } from '../components/icons';
import { PublicLayout } from '../components/PublicLayout';
import { formatMinute } from '../text';

function Official({ result }: { result: Extract<VerifyResult, { valid: true }> }) {
  const { t, i18n } = useTranslation();
  const unit = result.kind === 'post' ? result.post.unit : result.unit;
  // Official once, and withdrawn since: real, but not to be acted on.
  const retracted = result.kind === 'post' && result.post.retracted;
  return (
    <Alert
      color={retracted ? 'orange' : 'green'}
      variant="light"
      title={retracted ? t('verify.retractedTitle') : t('verify.okTitle')}
      data-testid={retracted ? 'verify-retracted' : 'verify-ok'}
    >
      <Stack gap="xs">
        <Text fw={700} size="lg">
          {retracted
            ? t('verify.retracted', { unit: unit.displayName })
            : t(`verify.ok.${result.kind}`, { unit: unit.displayName })}
        </Text>
        {result.kind === 'post' && (
          <>
            <Text>
              “{result.post.title}” · {formatMinute(result.post.publishedAt, i18n.language)}
            </Text>
            <Anchor component={Link} to={`/tin-tuc/${encodeURIComponent(result.post.id)}`} fw={600}>
              {t('verify.openPost')}
            </Anchor>
          </>
        )}
        <Anchor component={Link} to={`/u/${unit.slug}`}>
          {t('verify.openUnit', { unit: unit.displayName })}
        </Anchor>
        <Text size="sm">{t('verify.okCaution')}</Text>
      </Stack>
    </Alert>
  );
}

function NotKnown({ param }: { param: VerifyParam }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="filled" title={t(`verify.unknown.${param}`)} data-testid="verify-unknown">
      <Stack gap="xs">
        <Text size="sm">{t('verify.unknownBody')}</Text>
        <List size="sm" spacing={4} c="white">
          <List.Item>{t('verify.advice.money')}</List.Item>
          <List.Item>{t('verify.advice.call113')}</List.Item>
          <List.Item>{t('verify.advice.ward')}</List.Item>
        </List>
        <Button
          component="a"
          href="tel:113"
          color="red"
          variant="white"
          leftSection={<InlineIcon icon={APP_ICONS.call} />}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('verify.call113')}
        </Button>
      </Stack>
    </Alert>
  );
}

/** "Có phải công an thật không?": checks a post's code or link, a phone number or an account name. */
export function VerifyPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = verifyQueryFromParams(params);
  const [input, setInput] = useState(asked?.value ?? '');
  const [blank, setBlank] = useState(false);
  const result = useVerify(asked);

  function submit(e: FormEvent) {
    e.preventDefault();
    const query = verifyQueryFor(input);
    setBlank(query === null);
    if (query) setParams({ [query.param]: query.value }, { replace: true });
  }

  return (
    <PublicLayout>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={1} c="red.9">
            {t('verify.title')}
          </Title>
          <Text>{t('verify.intro')}</Text>
        </Stack>
        <Card withBorder radius="md" component="form" onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              size="md"
              label={t('verify.label')}
              description={t('verify.description')}
              placeholder={t('verify.placeholder')}
              value={input}
              onChange={(e) => setInput(e.currentTarget.value)}
              error={blank ? t('verify.blank') : null}
              autoComplete="off"
              data-testid="verify-input"
            />
            <Button
              type="submit"
              color="red"
              size="md"
              loading={result.isFetching}
              leftSection={<InlineIcon icon={APP_ICONS.verify} size="md" />}
            >
              {t('verify.submit')}
            </Button>
          </Stack>
        </Card>
        <div aria-live="polite">
          {asked && result.isPending && <Loading />}
          {result.isError && <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />}
          {asked && result.data?.valid === true && <Official result={result.data} />}
          {asked && result.data?.valid === false && <NotKnown param={asked.param} />}
        </div>
        <Text size="sm" c="dimmed">
          {t('verify.footer')}
        </Text>
      </Stack>
    </PublicLayout>
  );
}
