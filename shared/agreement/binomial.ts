import type { Random } from './prng';

/**
 * A Binomial(n, p) variate from a uniform generator: inversion of the pmf when n min(p, 1-p) < 10,
 * otherwise Hörmann's transformed rejection with squeeze, BTRS (W. Hörmann, "The generation of
 * binomial random variates", J. Statist. Comput. Simul. 46, 1993, 101-110), whose cost does not
 * grow with n. The bootstrap uses it to draw how often each distinct unit pattern is resampled
 * (a multinomial as a chain of binomials) instead of drawing millions of units one by one.
 */
export function binomial(n: number, p: number, random: Random): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const q = p > 0.5 ? 1 - p : p;
  const k = n * q >= 10 ? btrs(n, q, random) : inversion(n, q, random);
  return p > 0.5 ? n - k : k;
}

/** Sequential search of the cdf from 0; expected n q + 1 steps, so only for small means. */
function inversion(n: number, p: number, random: Random): number {
  const q = 1 - p;
  const r = p / q;
  const g = r * (n + 1);
  for (;;) {
    let u = random();
    // (1 - p)^n >= e^-20 here (n p < 10, p <= 1/2), far from underflow.
    let f = q ** n;
    let k = 0;
    while (u >= f && k <= n) {
      u -= f;
      k++;
      f *= g / k - r;
    }
    // Rounding can leave u above the remaining mass; draw again rather than return k > n.
    if (k <= n) return k;
  }
}

/** BTRS, steps 1-4 of Hörmann (1993, table 1), for n p >= 10 and p <= 1/2. */
function btrs(n: number, p: number, random: Random): number {
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const r = p / (1 - p);
  const m = Math.floor((n + 1) * p);
  const tailM = stirlingTail(m) + stirlingTail(n - m);
  const logM = (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1)));
  for (;;) {
    const u = random() - 0.5;
    const v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    // Acceptance test on the log scale: log(v alpha / (a / us^2 + b)) <= log(f(k) / f(m)).
    const lhs = Math.log((v * alpha) / (a / (us * us) + b));
    const rhs =
      logM +
      (n + 1) * Math.log((n - m + 1) / (n - k + 1)) +
      (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) +
      tailM -
      stirlingTail(k) -
      stirlingTail(n - k);
    if (lhs <= rhs) return k;
  }
}

/** log(k!) - [(k + 1/2) log(k + 1) - (k + 1) + log sqrt(2 pi)], tabulated for small k (Hörmann 1993). */
const TAIL = [
  0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211, 0.0138761288230707,
  0.0118967099458917, 0.010411265261972, 0.00925546218271273, 0.00833056343336287,
];

function stirlingTail(k: number): number {
  if (k < TAIL.length) return TAIL[k] as number;
  const kp1sq = (k + 1) * (k + 1);
  return (1 / 12 - (1 / 360 - 1 / 1260 / kp1sq) / kp1sq) / (k + 1);
}
