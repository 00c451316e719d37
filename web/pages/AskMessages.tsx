import { Anchor, Box, Button, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AskResponse } from '../../contracts/assistant';
import { APP_ICONS, IconText } from '../components/icons';
import { LinkedText } from '../components/LinkedText';
import { splitLinks } from '../text';

export type ChatMessage = { from: 'resident'; text: string } | { from: 'assistant'; response: AskResponse };

export function ResidentBubble({ text }: { text: string }) {
  return (
    <Box
      data-testid="ask-question"
      // Chat bubble: rounded except the corner pointing to the speaker.
      style={{ alignSelf: 'flex-end', maxWidth: '85%', borderRadius: '12px 12px 2px 12px' }}
      bg="red.7"
      c="white"
      px="sm"
      py={6}
    >
      <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
        {text}
      </Text>
    </Box>
  );
}

function hostname(href: string): string {
  try {
    return new URL(href).hostname.replace(/^www\./, '');
  } catch {
    return href;
  }
}

/** The answer's sources, one link per site. */
function SourceLinks({ sources }: { sources: string[] }) {
  const { t } = useTranslation();
  const bySite = new Map<string, string>();
  for (const s of sources) {
    for (const part of splitLinks(s))
      if (part.href && !bySite.has(hostname(part.href))) bySite.set(hostname(part.href), part.href);
  }
  if (bySite.size === 0) return null;
  return (
    <Text size="xs" c="dimmed">
      {t('ask.sources')}{' '}
      {[...bySite].map(([site, href], i) => (
        <span key={site}>
          {i > 0 && ', '}
          <Anchor href={href} target="_blank" rel="noopener noreferrer" inherit>
            {site}
          </Anchor>
        </span>
      ))}
    </Text>
  );
}

export function AssistantBubble(props: {
  response: AskResponse;
  unitSlug: string;
  latest: boolean;
  busy: boolean;
  onQuickReply: (text: string) => void;
  /** Shown under the answer (the offer to send a tip to the tip desk). */
  offer?: ReactNode;
}) {
  const { t } = useTranslation();
  const { answer } = props.response;
  return (
    <Stack gap={6} style={{ alignSelf: 'flex-start', maxWidth: '92%' }}>
      <Box
        data-testid="ask-answer"
        bg="white"
        px="sm"
        py={8}
        style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: '12px 12px 12px 2px' }}
      >
        <Stack gap={6}>
          <LinkedText size="sm">{answer.text}</LinkedText>
          {answer.procedureEntryId && (
            <Anchor
              component={Link}
              to={`/thu-tuc/${encodeURIComponent(answer.procedureEntryId)}?don-vi=${encodeURIComponent(props.unitSlug)}`}
              size="sm"
              fw={600}
              data-testid="ask-guide-link"
            >
              <IconText icon={APP_ICONS.forward} end>
                {t('ask.fullGuide')}
              </IconText>
            </Anchor>
          )}
          {/* The check date is the answer text's last line ("Cập nhật: …"); shown once. */}
          <SourceLinks sources={answer.sources} />
        </Stack>
      </Box>
      {props.offer}
      {props.latest && answer.quickReplies.length > 0 && (
        <Group gap={6}>
          {answer.quickReplies.map((q, i) => (
            <Button
              key={`${i}-${q.label}`}
              size="compact-sm"
              variant="outline"
              color="red"
              radius="xl"
              disabled={props.busy}
              onClick={() => props.onQuickReply(q.text)}
              data-testid="quick-reply"
              styles={{ root: { height: 'auto', minHeight: 30 }, label: { whiteSpace: 'normal', textAlign: 'left' } }}
            >
              {q.label}
            </Button>
          ))}
        </Group>
      )}
    </Stack>
  );
}

export function Thinking() {
  const { t } = useTranslation();
  return (
    <Group gap="xs" role="status" style={{ alignSelf: 'flex-start' }}>
      <Loader size="xs" color="gray" type="dots" />
      <Text size="sm" c="dimmed">
        {t('ask.thinking')}
      </Text>
    </Group>
  );
}
