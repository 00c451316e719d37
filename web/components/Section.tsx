import { Card, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card, one per part of a procedure guide or console page. */
export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder radius="md" component="section" aria-label={title} data-testid={testId} data-print-keep>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}
