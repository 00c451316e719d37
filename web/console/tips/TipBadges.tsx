import { Badge, Group } from '@mantine/core';
import { IconAlertTriangle, IconClock, IconEyeOff, IconUserCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ConsoleTipSummary, TipPriority, TipStatus } from '../../../contracts/tips';
import { InlineIcon } from '../../components/icons';
import { formatDateTime } from '../../text';
import { dueState } from './tip-actions';

const STATUS_COLOR: Record<TipStatus, string> = {
  received: 'blue',
  acknowledged: 'cyan',
  verifying: 'grape',
  handled: 'green',
  transferred: 'gray',
  rejected: 'dark',
};
const PRIORITY_COLOR: Record<TipPriority, string> = { urgent: 'red', high: 'orange', normal: 'gray' };

export function TipStatusBadge({ status }: { status: TipStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="tip-status">
      {t(`tipDesk.status.${status}`)}
    </Badge>
  );
}

/** Status, priority, category, identity and the due date (red when missed, orange when near). */
export function TipBadges({ tip }: { tip: ConsoleTipSummary }) {
  const { t, i18n } = useTranslation();
  const due = dueState(tip, Date.now());
  return (
    <Group gap={6}>
      <TipStatusBadge status={tip.status} />
      {tip.priority !== 'normal' && (
        <Badge
          color={PRIORITY_COLOR[tip.priority]}
          variant={tip.priority === 'urgent' ? 'filled' : 'light'}
          leftSection={tip.priority === 'urgent' ? <InlineIcon icon={IconAlertTriangle} size="xs" /> : undefined}
          data-testid="tip-priority"
        >
          {t(`tipDesk.priority.${tip.priority}`)}
        </Badge>
      )}
      <Badge color="gray" variant="outline">
        {t(`tipDesk.category.${tip.category}`)}
      </Badge>
      <Badge
        color={tip.anonymous ? 'gray' : 'indigo'}
        variant="light"
        leftSection={<InlineIcon icon={tip.anonymous ? IconEyeOff : IconUserCheck} size="xs" />}
        data-testid="tip-identity"
      >
        {tip.anonymous ? t('tipDesk.anonymous') : t('tipDesk.identified')}
      </Badge>
      {due === 'overdue' && (
        <Badge color="red" variant="filled" data-testid="tip-overdue">
          {t('tipDesk.overdue')}
        </Badge>
      )}
      {(due === 'soon' || due === 'due') && tip.dueAt && (
        <Badge
          color={due === 'soon' ? 'orange' : 'gray'}
          variant={due === 'soon' ? 'filled' : 'light'}
          leftSection={<InlineIcon icon={IconClock} size="xs" />}
        >
          {t('tipDesk.dueAt', { at: formatDateTime(tip.dueAt, i18n.language) })}
        </Badge>
      )}
    </Group>
  );
}
