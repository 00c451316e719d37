import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router-dom';
import { api, isApiError } from '../api';
import { EmptyState, ErrorAlert, Forbidden, Loading } from '../components/Feedback';
import { procedureName, useProcedures, type AssistantQuestion } from '../procedures';
import { formatDateTime } from '../text';
import type { UnitOutletContext } from './session';

function confidenceColor(c: number): string {
  if (c >= 0.7) return 'green';
  if (c >= 0.4) return 'yellow';
  return 'gray';
}

/** The assistant's reading of a question, in words: "Thủ tục · Cấp thẻ căn cước · Giấy tờ". */
function useBestGuess() {
  const { t, i18n } = useTranslation();
  const procedures = useProcedures();
  return (q: AssistantQuestion): string => {
    const parts: string[] = [];
    if (q.intent)
      parts.push(i18n.exists(`assistant.intents.${q.intent}`) ? t(`assistant.intents.${q.intent}`) : q.intent);
    if (q.procedure) {
      const p = procedures.data?.find((e) => e.taxonomyId === q.procedure);
      parts.push(p ? procedureName(p, i18n.language) : q.procedure);
    }
    if (q.aspect)
      parts.push(i18n.exists(`assistant.aspects.${q.aspect}`) ? t(`assistant.aspects.${q.aspect}`) : q.aspect);
    return parts.join(' · ') || t('questions.noGuess');
  };
}

/** "Câu hỏi chưa trả lời": what residents asked that the assistant could not answer well. */
export function QuestionsTab() {
  const { t, i18n } = useTranslation();
  const { unit } = useOutletContext<UnitOutletContext>();
  const queryClient = useQueryClient();
  const guess = useBestGuess();
  const key = ['console', 'assistant-questions', unit.id];
  const questions = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api<{ items: AssistantQuestion[] }>(`/api/v1/console/units/${unit.id}/assistant-questions?status=open`, {
        signal,
      }).then((r) => r.items),
    retry: (count, err) => !isApiError(err, 401, 403, 404) && count < 2,
  });
  const review = useMutation({
    mutationFn: (id: string) =>
      api<unknown>(`/api/v1/console/units/${unit.id}/assistant-questions/${encodeURIComponent(id)}/review`, {
        method: 'POST',
        body: {},
      }),
    onSuccess: (_data, id) =>
      queryClient.setQueryData<AssistantQuestion[]>(key, (old) => old?.filter((q) => q.id !== id)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });

  if (questions.isPending) return <Loading />;
  if (questions.isError) {
    if (isApiError(questions.error, 403, 404)) return <Forbidden />;
    return <ErrorAlert error={questions.error} onRetry={() => void questions.refetch()} />;
  }

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('questions.hint')}
      </Text>
      {review.isError && <ErrorAlert error={review.error} />}
      {questions.data.length === 0 && <EmptyState>{t('questions.empty')}</EmptyState>}
      {questions.data.map((q) => (
        <Card key={q.id} withBorder radius="md" data-testid="question-row">
          <Stack gap={6}>
            <Text size="xs" c="dimmed">
              {formatDateTime(q.createdAt, i18n.language)}
            </Text>
            {q.history.length > 0 && (
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
                {t('questions.earlier')} {q.history.join(' → ')}
              </Text>
            )}
            <Text fw={600} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
              {q.text}
            </Text>
            <Group gap="xs" justify="space-between">
              <Group gap="xs">
                <Text size="sm">
                  {t('questions.guess')}: {guess(q)}
                </Text>
                {q.confidence !== null && (
                  <Badge variant="light" color={confidenceColor(q.confidence)}>
                    {t('questions.confidence', { value: Math.round(q.confidence * 100) })}
                  </Badge>
                )}
              </Group>
              <Button
                size="xs"
                variant="light"
                color="red"
                loading={review.isPending && review.variables === q.id}
                onClick={() => review.mutate(q.id)}
              >
                {t('questions.reviewed')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
