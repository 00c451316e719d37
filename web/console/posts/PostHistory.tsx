import { Accordion, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConsolePost } from '../../broadcasts/types';
import { Section } from '../../components/Section';
import { formatDateTime } from '../../text';

/** Who did what to the post and when, then its earlier versions (before each correction or edit). */
export function PostHistory({ post }: { post: ConsolePost }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <Section title={t('posts.history')}>
      <Stack gap="sm">
        <Timeline bulletSize={14} lineWidth={2} color="red" active={post.history.length - 1} data-testid="post-history">
          {post.history.map((h, i) => (
            <Timeline.Item key={`${h.at}-${i}`} title={t(`posts.actions.${h.action}`)}>
              <Text size="xs" c="dimmed">
                {h.actorName} · {date(h.at)}
              </Text>
              {h.reason && (
                <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                  {t('posts.reasonShown', { reason: h.reason })}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
        {post.versions.length > 0 && (
          <>
            <Title order={3} size="h5">
              {t('posts.versions')}
            </Title>
            <Accordion variant="separated" data-testid="post-versions">
              {post.versions.map((v, i) => (
                <Accordion.Item key={`${v.at}-${i}`} value={String(i)}>
                  <Accordion.Control>
                    <Text size="sm" fw={600}>
                      {v.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {date(v.at)}
                      {v.note ? ` · ${v.note}` : ''}
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
