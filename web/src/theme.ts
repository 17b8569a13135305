/** Light, dark, or follow the system: applied to <html data-theme>, remembered per user (and locally for the sign-in page). */
export type Theme = 'light' | 'dark' | 'auto'

export function applyTheme(theme: Theme): void {
  const dark = theme === 'dark' || (theme === 'auto' && window.matchMedia('(prefers-color-scheme: dark)').matches)
  document.documentElement.dataset.theme = dark ? 'dark' : 'light'
  localStorage.setItem('agner.theme', theme)
}

export function savedTheme(): Theme {
  const t = localStorage.getItem('agner.theme')
  return t === 'light' || t === 'dark' || t === 'auto' ? t : 'auto'
}

/** A CSS custom property of the current theme (for canvas charts, which cannot read CSS). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim()
}

/** A font size for canvas charts that scales like the kiosk's text (1 = the board's base size). */
export function chartFont(k: number): number {
  return Math.round(Math.min(window.innerWidth / 100, window.innerHeight / 56.25) * k)
}
