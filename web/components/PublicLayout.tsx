import { Anchor, Badge, Box, Container, Group, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { unreadLabel, useUnread } from '../broadcasts/residentApi';
import { APP_ICONS, IconText } from './icons';
import { LanguageSwitch } from './LanguageSwitch';

function NavLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor
      component={Link}
      to={to}
      c="white"
      size="sm"
      fw={600}
      style={{ whiteSpace: 'nowrap', display: 'inline-flex', alignItems: 'center' }}
    >
      {children}
    </Anchor>
  );
}

/** "Tin tức" with the number of posts the resident has not opened. */
function FeedLink() {
  const { t } = useTranslation();
  const unread = useUnread();
  return (
    <NavLink to="/tin-tuc">
      <IconText icon={APP_ICONS.feed}>{t('feed.nav')}</IconText>
      {unread > 0 && (
        <>
          <Badge ml={4} size="sm" circle={unread < 10} color="yellow" c="dark" aria-hidden data-testid="nav-unread">
            {unreadLabel(unread)}
          </Badge>
          <VisuallyHidden>{` (${t('feed.unread', { count: unreadLabel(unread) })})`}</VisuallyHidden>
        </>
      )}
    </NavLink>
  );
}

export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="red.9" c="white" py="xs">
        <Container size="md">
          <Group justify="space-between" wrap="nowrap">
            <Anchor component={Link} to="/" c="white" fw={700} underline="never">
              <IconText icon={APP_ICONS.home} size="md">
                {t('app.name')}
              </IconText>
            </Anchor>
            <Group gap="sm" wrap="nowrap">
              <Anchor component={Link} to="/console" c="white" size="sm" style={{ whiteSpace: 'nowrap' }}>
                <Text span inherit hiddenFrom="sm">
                  {t('app.consoleShort')}
                </Text>
                <Text span inherit visibleFrom="sm">
                  {t('app.console')}
                </Text>
              </Anchor>
              <LanguageSwitch />
            </Group>
          </Group>
          {/* Residents' own links on a row of their own, so a phone has room for all of them. */}
          <Group gap="lg" mt={6} wrap="wrap" component="nav" aria-label={t('app.nav')}>
            <FeedLink />
            <NavLink to="/thu-tuc">
              <IconText icon={APP_ICONS.procedures}>{t('guide.nav')}</IconText>
            </NavLink>
            <NavLink to="/bao-tin">
              <IconText icon={APP_ICONS.report}>{t('tips.nav')}</IconText>
            </NavLink>
            <NavLink to="/xac-minh">
              <IconText icon={APP_ICONS.verify}>{t('verify.nav')}</IconText>
            </NavLink>
          </Group>
        </Container>
      </Box>
      <Container size="md" py="md" component="main">
        {children}
      </Container>
      <Container size="md" py="md" component="footer">
        <Text size="xs" c="dimmed" ta="center">
          {t('app.tagline')}
        </Text>
      </Container>
    </Box>
  );
}
