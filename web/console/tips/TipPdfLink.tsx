import { Anchor } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { InlineIcon } from '../../components/icons';

/** "Tải hồ sơ PDF": the tip's file for the case record (the server audits every download). */
export function TipPdfLink({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <Anchor href={`/api/v1/console/tips/${encodeURIComponent(id)}/file.pdf`} size="sm" download data-testid="tip-pdf">
      <InlineIcon icon={IconFileTypePdf} /> {t('tipDesk.pdf')}
    </Anchor>
  );
}
