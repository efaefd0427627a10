import { ALPHA_BAND_TEXT } from './format';

/**
 * How to read the numbers (AGREEMENT.md, "Reading the numbers"), in the words a research team
 * needs: agreement is where a discussion starts, never a gate on the study's phases.
 */
export function ReadingGuide() {
  return (
    <details className="card reading-guide">
      <summary>How to read these numbers</summary>
      <ul>
        <li><span className="band band-reliable">{ALPHA_BAND_TEXT.reliable}</span>: Krippendorff’s threshold for relying on a coding.</li>
        <li><span className="band band-tentative">{ALPHA_BAND_TEXT.tentative}</span>: enough for tentative conclusions.</li>
        <li><span className="band band-unreliable">{ALPHA_BAND_TEXT.unreliable}</span>: the coders read the theme differently; a good theme to discuss, and often a sign its description needs sharpening.</li>
        <li>κ bands (Landis &amp; Koch): below 0 poor, .00–.20 slight, .21–.40 fair, .41–.60 moderate, .61–.80 substantial, .81–1 almost perfect.</li>
        <li>Prevalence is shown beside every κ: a theme that is rare (or almost everywhere) makes κ low even when coders agree on nearly every unit (the kappa paradox). ⚠ marks such rows.</li>
        <li>% agreement does not correct for chance; over characters, uncoded text counts as agreement and inflates it.</li>
        <li><abbr className="na" title="the reason appears when you point at it">n/a</abbr> means the coefficient is undefined here, for instance when nobody used the theme; point at it for the reason.</li>
      </ul>
    </details>
  );
}
