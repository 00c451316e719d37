import { Alert, Button, Card, NativeSelect, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TIP_DESCRIPTION_MAX, type CreateTipInput, type TipCategory } from '../../contracts/tips';
import { APP_ICONS, InlineIcon } from '../components/icons';
import type { Point } from '../map/place';
import { PlacePicker } from './PlacePicker';
import { TipAttachmentPicker } from './TipAttachmentPicker';
import { TipErrorAlert } from './TipError';
import { FORM_CATEGORIES, localDateTimeToIso } from './tip-input';
import { useSubmitTip, type TipReceipt } from './tipApi';
import { useTipFiles } from './useTipFiles';

const PHONE = /^\+?[0-9 .-]{6,20}$/;

/** The tip form for one ward or commune; hands the receipt up once the server has it. */
export function TipForm({ slug, onSent }: { slug: string; onSent: (receipt: TipReceipt) => void }) {
  const { t } = useTranslation();
  const submit = useSubmitTip(slug);
  const [category, setCategory] = useState<TipCategory | ''>('');
  const [description, setDescription] = useState('');
  const [occurredAt, setOccurredAt] = useState('');
  const [address, setAddress] = useState('');
  const [point, setPoint] = useState<Point | null>(null);
  const [anonymous, setAnonymous] = useState(true);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [checked, setChecked] = useState(false);
  const files = useTipFiles(slug);

  const phoneBad = !anonymous && phone.trim() !== '' && !PHONE.test(phone.trim());
  const errors = {
    category: checked && !category ? t('tips.categoryRequired') : null,
    description: checked && !description.trim() ? t('tips.descriptionRequired') : null,
    phone: checked && phoneBad ? t('tips.phoneInvalid') : null,
  };

  function send(e: FormEvent) {
    e.preventDefault();
    setChecked(true);
    if (!category || !description.trim() || phoneBad || files.uploading) return;
    const place = { ...(address.trim() ? { address: address.trim() } : {}), ...(point ?? {}) };
    const contact = anonymous
      ? undefined
      : { ...(name.trim() ? { name: name.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) };
    const occurred = localDateTimeToIso(occurredAt);
    const input: CreateTipInput = {
      category,
      description: description.trim(),
      anonymous,
      ...(occurred ? { occurredAt: occurred } : {}),
      ...(Object.keys(place).length ? { place } : {}),
      ...(contact && Object.keys(contact).length ? { contact } : {}),
      ...(files.claims.length ? { attachments: files.claims } : {}),
    };
    submit.mutate(input, { onSuccess: onSent });
  }

  return (
    <Card withBorder radius="md" component="form" onSubmit={send} noValidate data-testid="tip-form">
      <Stack gap="md">
        <NativeSelect
          size="md"
          label={t('tips.category')}
          value={category}
          onChange={(e) => setCategory(e.currentTarget.value as TipCategory | '')}
          error={errors.category}
          data={[
            { value: '', label: t('tips.categoryPlaceholder'), disabled: true },
            ...FORM_CATEGORIES.map((c) => ({ value: c, label: t(`tips.categories.${c}`) })),
          ]}
        />
        <Textarea
          size="md"
          label={t('tips.description')}
          description={t('tips.descriptionHint')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          maxLength={TIP_DESCRIPTION_MAX}
          autosize
          minRows={5}
          error={errors.description}
          inputWrapperOrder={['label', 'description', 'input', 'error']}
        />
        <Text size="xs" c="dimmed" ta="right" mt={-10} aria-live="polite">
          {t('tips.characters', { count: description.length, max: TIP_DESCRIPTION_MAX })}
        </Text>
        <TipAttachmentPicker files={files} />
        <TextInput
          size="md"
          type="datetime-local"
          label={t('tips.occurredAt')}
          value={occurredAt}
          onChange={(e) => setOccurredAt(e.currentTarget.value)}
        />
        <PlacePicker slug={slug} address={address} onAddress={setAddress} point={point} onPoint={setPoint} />
        <Radio.Group
          size="md"
          label={t('tips.who')}
          value={anonymous ? 'anonymous' : 'identified'}
          onChange={(v) => setAnonymous(v === 'anonymous')}
        >
          <Stack gap="sm" mt="xs">
            <Radio value="anonymous" label={t('tips.anonymous')} />
            <Radio value="identified" label={t('tips.identified')} />
          </Stack>
        </Radio.Group>
        {anonymous ? (
          <Alert color="green" variant="light" data-testid="tip-anonymous-note">
            <Text size="sm">{t('tips.anonymousNote')}</Text>
          </Alert>
        ) : (
          <Stack gap="sm">
            <Text size="sm">{t('tips.identifiedNote')}</Text>
            <TextInput
              size="md"
              label={t('tips.name')}
              value={name}
              maxLength={120}
              autoComplete="name"
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <TextInput
              size="md"
              type="tel"
              label={t('tips.phone')}
              value={phone}
              autoComplete="tel"
              onChange={(e) => setPhone(e.currentTarget.value)}
              error={errors.phone}
            />
          </Stack>
        )}
        {checked && files.uploading && (
          <Text size="sm" c="orange.8" role="status" data-testid="tip-files-wait">
            {t('tips.files.wait')}
          </Text>
        )}
        {submit.isError && <TipErrorAlert error={submit.error} />}
        <Button
          type="submit"
          color="red"
          size="lg"
          loading={submit.isPending}
          leftSection={<InlineIcon icon={APP_ICONS.send} size="md" />}
        >
          {t('tips.submit')}
        </Button>
      </Stack>
    </Card>
  );
}
