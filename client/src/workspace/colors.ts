/** Coder colours: distinct, colour-blind-safe hues (Okabe & Ito 2008), assigned in member order. */
export const CODER_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#999933', '#882255'] as const;

export function coderColor(index: number): string {
  return CODER_COLORS[index % CODER_COLORS.length]!;
}

/** `#rrggbb` with an alpha channel, for highlights that must not hide the text. */
export function withAlpha(hex: string, alpha: number): string {
  const a = Math.round(Math.max(0, Math.min(1, alpha)) * 255)
    .toString(16)
    .padStart(2, '0');
  return /^#[0-9a-fA-F]{6}$/.test(hex) ? `${hex}${a}` : hex;
}
