import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Role } from '../../shared/domain';

/** The demo's accounts (fictional people); the emails are fixed so a newcomer can guess them. */
export const DEMO_ACCOUNTS = [
  { key: 'lead', email: 'lead@demo.concord', name: 'Rowan Hale (demo lead)', role: 'lead' },
  { key: 'coder1', email: 'coder1@demo.concord', name: 'Kit Abara (demo coder 1)', role: 'coder' },
  { key: 'coder2', email: 'coder2@demo.concord', name: 'Mira Solberg (demo coder 2)', role: 'coder' },
  { key: 'auditor', email: 'auditor@demo.concord', name: 'Jo Penrose (demo auditor)', role: 'auditor' },
] as const satisfies readonly { key: string; email: string; name: string; role: Role }[];

export type DemoAccountKey = (typeof DEMO_ACCOUNTS)[number]['key'];
export type DemoPasswords = Record<DemoAccountKey, string>;

/**
 * A fresh password per account: 80 random bits, 16 base32 characters. The demo may run on an
 * instance reachable by others, so it never ships a known default; `--password` is the explicit
 * opt-in for scripts.
 */
export function randomDemoPasswords(): DemoPasswords {
  const one = () => encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
  return { lead: one(), coder1: one(), coder2: one(), auditor: one() };
}

export function sameDemoPassword(password: string): DemoPasswords {
  return { lead: password, coder1: password, coder2: password, auditor: password };
}
