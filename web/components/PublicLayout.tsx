import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from './LanguageSwitch';

export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="red.9" c="white" py="xs">
        <Container size="md">
          <Group justify="space-between" wrap="nowrap">
            <Anchor component={Link} to="/" c="white" fw={700} underline="never">
              {t('app.name')}
            </Anchor>
            <Group gap="sm" wrap="nowrap" component="nav" aria-label={t('app.nav')}>
              <Anchor component={Link} to="/thu-tuc" c="white" size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {t('guide.nav')}
              </Anchor>
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
