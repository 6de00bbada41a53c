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
