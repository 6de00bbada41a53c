import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/** The part of Office.context.officeTheme we read (it is undefined on hosts without theme support). */
export interface OfficeThemeColours {
  readonly bodyBackgroundColor?: string;
}

/** Relative luminance (0 black .. 1 white) of a `#RRGGBB` colour, or null when it is not one. */
function luminance(colour: string): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour.trim());
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((hex) => {
    const c = parseInt(hex!, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Office's dark and black themes have a dark pane background; anything else (or unknown) is light. */
export function isDarkOfficeTheme(theme: OfficeThemeColours | undefined): boolean {
  const l = theme?.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : null;
  return l !== null && l < 0.2;
}

export function fluentThemeFor(theme: OfficeThemeColours | undefined): Theme {
  return isDarkOfficeTheme(theme) ? webDarkTheme : webLightTheme;
}
