import { CloseButton, Group, Stack, Tabs, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorAlert, Forbidden, Loading } from '../../components/Feedback';
import { isApiError } from '../../api';
import { ConversationRow, useNow } from './ConversationRow';
import { useInboxList, VIEWS, type InboxView } from './inboxApi';

export function ConversationList(props: {
  unitId: string;
  view: InboxView;
  label: string;
  activeId: string | null;
  onView: (view: InboxView) => void;
  onLabel: (label: string) => void;
  hrefFor: (id: string) => string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useInboxList(props.unitId, props.view, q, props.label);
  const now = useNow();

  return (
    <Stack gap="sm">
      <Tabs value={props.view} onChange={(v) => v && props.onView(v as InboxView)} variant="pills" color="red">
        <Tabs.List>
          {VIEWS.map((v) => (
            <Tabs.Tab key={v} value={v} size="xs">
              {t(`inbox.views.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group gap="xs" grow align="flex-start">
        <TextInput
          label={t('inbox.search')}
          type="search"
          size="xs"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <TextInput
          label={t('inbox.labelFilter')}
          size="xs"
          value={props.label}
          onChange={(e) => props.onLabel(e.currentTarget.value)}
          rightSection={
            props.label ? (
              <CloseButton size="xs" aria-label={t('inbox.clearLabel')} onClick={() => props.onLabel('')} />
            ) : null
          }
        />
      </Group>
      {list.isPending && <Loading />}
      {list.isError &&
        (isApiError(list.error, 403, 404) ? (
          <Forbidden />
        ) : (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ))}
      {list.data?.length === 0 && <EmptyState>{t('inbox.empty')}</EmptyState>}
      {list.data?.map((c) => (
        <ConversationRow
          key={c.id}
          c={c}
          href={props.hrefFor(c.id)}
          active={c.id === props.activeId}
          now={now}
          onLabel={props.onLabel}
        />
      ))}
    </Stack>
  );
}
