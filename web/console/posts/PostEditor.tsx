import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isSafeLink,
  MAX_AUDIO_TRANSCRIPT,
  MAX_POST_BODY,
  POST_CATEGORIES,
  MAX_POST_TITLE,
  MAX_REASON,
  type ConsolePost,
  type PostCategory,
  type PostMedia,
} from '../../broadcasts/types';
import { ErrorAlert } from '../../components/Feedback';
import { fromLocalInput, toLocalInput } from '../../text';
import { PostMediaFields } from './PostMediaFields';
import { editBody, useCreatePost, useEditPost, useGroups, type PostInput } from './postsApi';

interface Values {
  category: PostCategory;
  title: string;
  body: string;
  audience: 'unit' | 'groups';
  groupIds: string[];
  publishAt: string;
  expiresAt: string;
  correctionNote: string;
  media: PostMedia[];
  audioTranscript: string;
  linkUrl: string;
}

function toValues(post: ConsolePost | null): Values {
  return {
    category: post?.category ?? 'other',
    title: post?.title ?? '',
    body: post?.body ?? '',
    audience: post?.audience ? 'groups' : 'unit',
    groupIds: post?.audience?.groupIds ?? [],
    publishAt: toLocalInput(post?.publishAt ?? null),
    expiresAt: toLocalInput(post?.expiresAt ?? null),
    correctionNote: '',
    media: post?.media ?? [],
    audioTranscript: post?.audioTranscript ?? '',
    linkUrl: post?.link?.url ?? '',
  };
}

function toInput(v: Values): PostInput {
  return {
    category: v.category,
    title: v.title.trim(),
    body: v.body.trim(),
    audience: v.audience === 'groups' ? { groupIds: v.groupIds } : null,
    publishAt: fromLocalInput(v.publishAt),
    expiresAt: fromLocalInput(v.expiresAt),
    mediaIds: v.media.map((m) => m.id),
    audioTranscript: v.audioTranscript.trim() || null,
    linkUrl: v.linkUrl.trim() || null,
    ...(v.correctionNote.trim() ? { correctionNote: v.correctionNote.trim() } : {}),
  };
}

type Problems = Partial<
  Record<'title' | 'body' | 'groupIds' | 'expiresAt' | 'correctionNote' | 'audioTranscript' | 'linkUrl', string>
>;

/**
 * Writing a post, editing a draft or a rejected one, or correcting a published one (which needs
 * a note saying what was corrected; residents see that the post was corrected).
 */
export function PostEditor(props: {
  unitId: string;
  post: ConsolePost | null;
  onSaved: (post: ConsolePost) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { unitId, post } = props;
  const correcting = post?.status === 'published';
  const [values, setValues] = useState<Values>(() => toValues(post));
  const [problems, setProblems] = useState<Problems>({});
  const [unchanged, setUnchanged] = useState(false);
  const [uploading, setUploading] = useState(false);
  const groups = useGroups(unitId);
  const create = useCreatePost(unitId);
  const edit = useEditPost(unitId, post?.id ?? '');
  const save = post ? edit : create;

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setUnchanged(false);
  };
  // A text field's label, value, change handler and problem.
  const bind = (key: 'title' | 'body' | 'publishAt' | 'expiresAt' | 'correctionNote') => ({
    label: t(`posts.form.${key}`),
    value: values[key],
    onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value),
    error: key === 'publishAt' ? undefined : problems[key],
  });

  function check(v: Values): Problems {
    const p: Problems = {};
    if (!v.title.trim()) p.title = t('posts.form.required');
    else if (v.title.trim().length > MAX_POST_TITLE) p.title = t('posts.form.tooLong', { max: MAX_POST_TITLE });
    if (!v.body.trim()) p.body = t('posts.form.required');
    else if (v.body.trim().length > MAX_POST_BODY) p.body = t('posts.form.tooLong', { max: MAX_POST_BODY });
    if (v.audience === 'groups' && v.groupIds.length === 0) p.groupIds = t('posts.form.pickGroup');
    const from = correcting ? null : fromLocalInput(v.publishAt);
    const to = fromLocalInput(v.expiresAt);
    if (to && !correcting && new Date(to) <= new Date(from ?? Date.now())) p.expiresAt = t('posts.form.expiresBefore');
    if (correcting && !v.correctionNote.trim()) p.correctionNote = t('posts.form.noteRequired');
    else if (v.correctionNote.trim().length > MAX_REASON)
      p.correctionNote = t('posts.form.tooLong', { max: MAX_REASON });
    const transcript = v.audioTranscript.trim();
    if (v.media.some((m) => m.kind === 'audio') && !transcript) p.audioTranscript = t('postMedia.transcriptRequired');
    else if (transcript.length > MAX_AUDIO_TRANSCRIPT)
      p.audioTranscript = t('posts.form.tooLong', { max: MAX_AUDIO_TRANSCRIPT });
    if (v.linkUrl.trim() && !isSafeLink(v.linkUrl.trim())) p.linkUrl = t('postMedia.badLink');
    return p;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = check(values);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const input = toInput(values);
    if (!post) {
      create.mutate(input, { onSuccess: props.onSaved });
      return;
    }
    const patch = editBody(post, input);
    const changed = Object.keys(patch).filter((k) => k !== 'correctionNote');
    if (changed.length === 0) {
      setUnchanged(true);
      return;
    }
    edit.mutate(patch, { onSuccess: props.onSaved });
  }

  const title = post
    ? correcting
      ? t('posts.form.correctTitle')
      : t('posts.form.editTitle')
    : t('posts.form.newTitle');
  const groupList = groups.data ?? [];

  return (
    <Card withBorder radius="md" component="form" onSubmit={submit} noValidate data-testid="post-editor">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {correcting && (
          <Alert color="yellow" variant="light">
            {t('posts.form.correctHint')}
          </Alert>
        )}
        <NativeSelect
          label={t('posts.form.category')}
          value={values.category}
          onChange={(e) => set('category', e.currentTarget.value as PostCategory)}
          data={POST_CATEGORIES.map((c) => ({ value: c, label: t(`broadcast.category.${c}`) }))}
        />
        <TextInput {...bind('title')} maxLength={MAX_POST_TITLE} required />
        <Textarea {...bind('body')} description={t('posts.form.bodyHint')} autosize minRows={6} maxRows={20} required />
        {/* Once published, who receives a post and when are fixed; its expiry may still change. */}
        {!correcting && (
          <Radio.Group
            label={t('posts.form.audience')}
            value={values.audience}
            onChange={(v) => set('audience', v === 'groups' ? 'groups' : 'unit')}
          >
            <Group gap="lg" mt={4}>
              <Radio value="unit" label={t('posts.form.wholeUnit')} />
              <Radio value="groups" label={t('posts.form.someGroups')} disabled={groupList.length === 0} />
            </Group>
          </Radio.Group>
        )}
        {!correcting && values.audience === 'groups' && (
          <Checkbox.Group
            label={t('posts.form.groups')}
            value={values.groupIds}
            onChange={(ids) => set('groupIds', ids)}
            error={problems.groupIds}
          >
            <Stack gap={6} mt={4}>
              {groupList.map((g) => (
                <Checkbox
                  key={g.id}
                  value={g.id}
                  label={`${g.name} (${t('groups.members', { count: g.memberCount })})`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {!correcting && (
            <TextInput {...bind('publishAt')} type="datetime-local" description={t('posts.form.publishAtHint')} />
          )}
          <TextInput {...bind('expiresAt')} type="datetime-local" description={t('posts.form.expiresAtHint')} />
        </SimpleGrid>
        <PostMediaFields
          unitId={unitId}
          values={values}
          onChange={(change) => {
            setValues((v) => ({ ...v, ...change(v) }));
            setUnchanged(false);
          }}
          problems={problems}
          onBusy={setUploading}
        />
        {correcting && <Textarea {...bind('correctionNote')} autosize minRows={2} required />}
        {save.isError && <ErrorAlert error={save.error} />}
        {unchanged && (
          <Text size="sm" c="dimmed" role="status">
            {t('posts.form.unchanged')}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onCancel}>
            {t('posts.form.cancel')}
          </Button>
          <Button type="submit" color="red" loading={save.isPending} disabled={uploading}>
            {correcting ? t('posts.form.saveCorrection') : t('posts.form.saveDraft')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
