import { Anchor, Text, type TextProps } from '@mantine/core';
import { splitLinks } from '../text';

/** Text with its line breaks kept and its web addresses as links (opening in a new tab). */
export function LinkedText({ children, ...props }: TextProps & { children: string }) {
  return (
    <Text {...props} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
      {splitLinks(children).map((part, i) =>
        part.href ? (
          <Anchor key={i} href={part.href} target="_blank" rel="noopener noreferrer" inherit>
            {part.text}
          </Anchor>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </Text>
  );
}
