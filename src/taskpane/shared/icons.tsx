import type { JSX, ReactNode } from 'react';

/**
 * Small 16 px icons drawn with `currentColor`, so they follow the text colour in every theme and in
 * forced-colours mode. They are always decorative: a text label sits beside each one.
 */
interface IconProps {
  readonly className?: string;
}

function Svg({ className, children }: IconProps & { readonly children: ReactNode }): JSX.Element {
  return (
    <svg className={className} width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="currentColor">
      {children}
    </svg>
  );
}

export const ErrorIcon = (p: IconProps): JSX.Element => (
  <Svg {...p}>
    <path d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm-2.15 4.15a.5.5 0 0 0-.7.7L7.29 8l-2.14 2.15a.5.5 0 0 0 .7.7L8 8.71l2.15 2.14a.5.5 0 0 0 .7-.7L8.71 8l2.14-2.15a.5.5 0 0 0-.7-.7L8 7.29 5.85 5.15Z" />
  </Svg>
);

export const WarningIcon = (p: IconProps): JSX.Element => (
  <Svg {...p}>
    <path d="M7.13 1.5a1 1 0 0 1 1.74 0l6.5 11.5A1 1 0 0 1 14.5 14.5h-13a1 1 0 0 1-.87-1.5l6.5-11.5ZM8 5a.6.6 0 0 0-.6.6v4a.6.6 0 0 0 1.2 0v-4A.6.6 0 0 0 8 5Zm0 7.5a.75.75 0 1 0 0-1.5.75.75 0 0 0 0 1.5Z" />
  </Svg>
);

export const InfoIcon = (p: IconProps): JSX.Element => (
  <Svg {...p}>
    <path d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 5.5a.6.6 0 0 0-.6.6v4.3a.6.6 0 0 0 1.2 0V7.1A.6.6 0 0 0 8 6.5Zm0-2.25a.8.8 0 1 0 0 1.6.8.8 0 0 0 0-1.6Z" />
  </Svg>
);

export const ReadyIcon = (p: IconProps): JSX.Element => (
  <Svg {...p}>
    <path d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm2.85 4.65a.5.5 0 0 0-.7 0L7 8.79 5.85 7.65a.5.5 0 1 0-.7.7l1.5 1.5a.5.5 0 0 0 .7 0l3.5-3.5a.5.5 0 0 0 0-.7Z" />
  </Svg>
);

export const BlockedIcon = (p: IconProps): JSX.Element => (
  <Svg {...p}>
    <path d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1ZM3.9 4.6A5.5 5.5 0 0 0 11.4 12.1L3.9 4.6Zm8.2 6.8A5.5 5.5 0 0 0 4.6 3.9l7.5 7.5Z" />
  </Svg>
);

export const ChevronRightIcon = (p: IconProps): JSX.Element => (
  <Svg {...p}>
    <path d="M5.65 3.15a.5.5 0 0 1 .7 0l4.5 4.5a.5.5 0 0 1 0 .7l-4.5 4.5a.5.5 0 0 1-.7-.7L9.79 8 5.65 3.85a.5.5 0 0 1 0-.7Z" />
  </Svg>
);

export const ChevronDownIcon = (p: IconProps): JSX.Element => (
  <Svg {...p}>
    <path d="M3.15 5.65a.5.5 0 0 1 .7 0L8 9.79l4.15-4.14a.5.5 0 0 1 .7.7l-4.5 4.5a.5.5 0 0 1-.7 0l-4.5-4.5a.5.5 0 0 1 0-.7Z" />
  </Svg>
);

export const RefreshIcon = (p: IconProps): JSX.Element => (
  <Svg {...p}>
    <path d="M8 2.5a5.5 5.5 0 0 1 4.76 2.75H10.5a.5.5 0 0 0 0 1h3.5a.5.5 0 0 0 .5-.5V2.25a.5.5 0 0 0-1 0v2.1A6.5 6.5 0 1 0 14.5 8a.5.5 0 0 0-1 0A5.5 5.5 0 1 1 8 2.5Z" />
  </Svg>
);

export const HighlighterIcon = (p: IconProps): JSX.Element => (
  <Svg {...p}>
    <path d="M10.3 1.65a1 1 0 0 1 1.4 0l2.65 2.65a1 1 0 0 1 0 1.4L9 11.06V12.5a.5.5 0 0 1-.15.35l-1 1A.5.5 0 0 1 7.5 14H2.5a.5.5 0 0 1-.35-.85l2.5-2.5a.5.5 0 0 1 0-.7l-.5-.5A.5.5 0 0 1 4 9.1V8.5a.5.5 0 0 1 .15-.35l6.15-6.5Zm.7.7L5 8.7v.2l2.1 2.1h.2l6.35-6L11 2.35ZM5.2 10.5 3.7 12.99h3.6l.6-.6v-.5L5.2 10.5Z" />
  </Svg>
);

export const SettingsIcon = (p: IconProps): JSX.Element => (
  <Svg {...p}>
    <path d="M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5ZM6.5 8a1.5 1.5 0 1 1 3 0 1.5 1.5 0 0 1-3 0Zm.2-6.6a.6.6 0 0 1 .59-.5h1.42a.6.6 0 0 1 .59.5l.24 1.4c.34.13.66.31.95.53l1.33-.5a.6.6 0 0 1 .73.26l.71 1.23a.6.6 0 0 1-.14.76l-1.1.9a4.1 4.1 0 0 1 0 1.04l1.1.9a.6.6 0 0 1 .14.76l-.71 1.23a.6.6 0 0 1-.73.26l-1.33-.5c-.29.22-.61.4-.95.53l-.24 1.4a.6.6 0 0 1-.59.5H7.29a.6.6 0 0 1-.59-.5l-.24-1.4a4 4 0 0 1-.95-.53l-1.33.5a.6.6 0 0 1-.73-.26l-.71-1.23a.6.6 0 0 1 .14-.76l1.1-.9a4.1 4.1 0 0 1 0-1.04l-1.1-.9a.6.6 0 0 1-.14-.76l.71-1.23a.6.6 0 0 1 .73-.26l1.33.5c.29-.22.61-.4.95-.53l.24-1.4Zm.86.5-.21 1.27a.5.5 0 0 1-.34.39c-.42.14-.8.36-1.13.64a.5.5 0 0 1-.5.09l-1.2-.45-.45.78 1 .82a.5.5 0 0 1 .17.48 3.1 3.1 0 0 0 0 1.3.5.5 0 0 1-.17.48l-1 .82.45.78 1.2-.45a.5.5 0 0 1 .5.09c.33.28.71.5 1.13.64a.5.5 0 0 1 .34.39l.21 1.27h.88l.21-1.27a.5.5 0 0 1 .34-.39c.42-.14.8-.36 1.13-.64a.5.5 0 0 1 .5-.09l1.2.45.45-.78-1-.82a.5.5 0 0 1-.17-.48 3.1 3.1 0 0 0 0-1.3.5.5 0 0 1 .17-.48l1-.82-.45-.78-1.2.45a.5.5 0 0 1-.5-.09 3.1 3.1 0 0 0-1.13-.64.5.5 0 0 1-.34-.39L8.44 1.9h-.88Z" />
  </Svg>
);
