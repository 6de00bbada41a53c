import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { fluentThemeFor, isDarkOfficeTheme } from '../../src/taskpane/theme';

describe('Office theme to Fluent theme', () => {
  it.each([
    ['#FFFFFF', false], // Colorful / White
    ['#E6E6E6', false], // Light grey
    ['#262626', true], // Dark grey
    ['#000000', true], // Black
    ['#0A0A0A', true],
  ])('background %s is dark: %s', (bodyBackgroundColor, dark) => {
    expect(isDarkOfficeTheme({ bodyBackgroundColor })).toBe(dark);
  });

  it('falls back to light when the host gives no theme or an unreadable colour', () => {
    expect(isDarkOfficeTheme(undefined)).toBe(false);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: 'black' })).toBe(false);
    expect(fluentThemeFor(undefined)).toBe(webLightTheme);
    expect(fluentThemeFor({ bodyBackgroundColor: '#1F1F1F' })).toBe(webDarkTheme);
  });
});
