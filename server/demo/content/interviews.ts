import { P01_EXTRAS, P01_PASSAGES } from './p01Codings';
import { P01_TRANSCRIPT } from './p01Transcript';
import { DEMO_PARTICIPANTS } from './study';
import type { DemoInterview } from './types';

/** The four fictional interviews with both coders' work on each, in participant order. */
export const DEMO_INTERVIEWS: DemoInterview[] = [
  {
    participant: DEMO_PARTICIPANTS.P01,
    title: 'P01 interview (integrative, 23 years)',
    text: P01_TRANSCRIPT,
    passages: P01_PASSAGES,
    extras: P01_EXTRAS,
  },
];
