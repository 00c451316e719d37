import { Accordion, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConsolePost } from '../../broadcasts/types';
import { Section } from '../../components/Section';
import { formatDateTime } from '../../text';

/** Who did what to the post and when, then its published versions once it has been corrected. */
export function PostHistory({ post }: { post: ConsolePost }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  // Published versions, newest first: what was corrected, and what residents first read.
  const versions = post.versions.map((v, i) => ({ ...v, n: i + 1, current: i === post.versions.length - 1 })).reverse();
  return (
    <Section title={t('posts.history')}>
      <Stack gap="sm">
        <Timeline bulletSize={14} lineWidth={2} color="red" active={post.history.length - 1} data-testid="post-history">
          {post.history.map((h, i) => (
            <Timeline.Item key={`${h.at}-${i}`} title={t(`posts.actions.${h.action}`)}>
              <Text size="xs" c="dimmed">
                {h.actorName ?? t('audit.system')} · {date(h.at)}
              </Text>
              {h.reason && (
                <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                  {t('posts.reasonShown', { reason: h.reason })}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
        {post.versions.length > 1 && (
          <>
            <Title order={3} size="h5">
              {t('posts.versions')}
            </Title>
            <Accordion variant="separated" data-testid="post-versions">
              {versions.map((v) => (
                <Accordion.Item key={v.n} value={String(v.n)}>
                  <Accordion.Control>
                    <Text size="sm" fw={600}>
                      {t('posts.version', { n: v.n })}
                      {v.current ? ` · ${t('posts.versionCurrent')}` : ''}: {v.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {date(v.at)} · {v.note ? t('posts.versionNote', { note: v.note }) : t('posts.versionFirst')}
                    </Text>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                      {v.body}
                    </Text>
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          </>
        )}
      </Stack>
    </Section>
  );
}
