import type { Theme } from '../../../../shared/themes';

/** The <option>s of a theme <select>: tree order, each label indented by its depth. */
export function ThemeOptions({ themes }: { themes: readonly Theme[] }) {
  return (
    <>
      {themes.map((t) => (
        <option key={t.id} value={t.id}>
          {'· '.repeat(t.depth - 1)}
          {t.label}
        </option>
      ))}
    </>
  );
}
