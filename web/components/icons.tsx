import {
  IconArrowLeft,
  IconArrowRight,
  IconCheck,
  IconClock,
  IconDownload,
  IconFile,
  IconFileText,
  IconHome,
  IconLink,
  IconLinkOff,
  IconMap,
  IconMapPin,
  IconMessageQuestion,
  IconMessages,
  IconNews,
  IconPaperclip,
  IconPhoto,
  IconPhone,
  IconSend,
  IconShieldCheck,
  IconSpeakerphone,
  IconUrgent,
  IconUser,
  IconX,
  type IconProps,
  type TablerIcon,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';

// Icons come from @tabler/icons-react (SVG), never emoji: older phones draw emoji as empty boxes.

/** One icon per thing the app names, so "Thủ tục" or "Khẩn cấp" looks the same on every page. */
export const APP_ICONS = {
  home: IconHome,
  procedures: IconFileText,
  ask: IconMessageQuestion,
  chat: IconMessages,
  feed: IconNews,
  verify: IconShieldCheck,
  report: IconSpeakerphone,
  send: IconSend,
  call: IconPhone,
  attach: IconPaperclip,
  location: IconMapPin,
  map: IconMap,
  urgent: IconUrgent,
  assignee: IconUser,
  back: IconArrowLeft,
  forward: IconArrowRight,
  photo: IconPhoto,
  file: IconFile,
  download: IconDownload,
  remove: IconX,
  queued: IconClock,
  sent: IconCheck,
  link: IconLink,
  linkBroken: IconLinkOff,
} satisfies Record<string, TablerIcon>;

/** Icon sizes in px by the size of the text beside them, so icons line up the same everywhere. */
export const ICON_SIZE = { xs: 14, sm: 16, md: 18 } as const;
export type IconSize = keyof typeof ICON_SIZE;

type InlineIconProps = Omit<IconProps, 'size' | 'ref'> & {
  icon: TablerIcon;
  size?: IconSize;
  /** What the icon means when no text beside it says so; without it the icon is decorative. */
  label?: string;
};

/** An icon beside text: hidden from screen readers unless it carries a label of its own. */
export function InlineIcon({ icon: Icon, size = 'sm', label, style, ...rest }: InlineIconProps) {
  const a11y = label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true };
  return (
    <Icon
      size={ICON_SIZE[size]}
      stroke={1.75}
      focusable="false"
      style={{ flexShrink: 0, ...style }}
      {...a11y}
      {...rest}
    />
  );
}

/**
 * Text with an icon before it (or after it, for "go on" arrows), kept on the text's line; for
 * links and captions (Mantine buttons, badges and tabs take the icon as `leftSection`).
 */
export function IconText({
  icon,
  size = 'sm',
  end = false,
  label,
  children,
}: {
  icon: TablerIcon;
  size?: IconSize;
  end?: boolean;
  label?: string;
  children: ReactNode;
}) {
  const glyph = <InlineIcon icon={icon} size={size} label={label} />;
  return (
    <span
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: size === 'md' ? 6 : 4,
        maxWidth: '100%',
        verticalAlign: 'bottom',
      }}
    >
      {!end && glyph}
      <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{children}</span>
      {end && glyph}
    </span>
  );
}
