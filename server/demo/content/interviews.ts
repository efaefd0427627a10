import { P01_EXTRAS, P01_PASSAGES } from './p01Codings';
import { P01_TRANSCRIPT } from './p01Transcript';
import { P02_EXTRAS, P02_PASSAGES } from './p02Codings';
import { P02_TRANSCRIPT } from './p02Transcript';
import { P03_EXTRAS, P03_PASSAGES } from './p03Codings';
import { P03_TRANSCRIPT } from './p03Transcript';
import { P04_EXTRAS, P04_PASSAGES } from './p04Codings';
import { P04_TRANSCRIPT } from './p04Transcript';
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
  {
    participant: DEMO_PARTICIPANTS.P02,
    title: 'P02 interview (CBT, 4 years)',
    text: P02_TRANSCRIPT,
    passages: P02_PASSAGES,
    extras: P02_EXTRAS,
  },
  {
    participant: DEMO_PARTICIPANTS.P03,
    title: 'P03 interview (psychodynamic, 12 years)',
    text: P03_TRANSCRIPT,
    passages: P03_PASSAGES,
    extras: P03_EXTRAS,
  },
  {
    participant: DEMO_PARTICIPANTS.P04,
    title: 'P04 interview (person-centred, 7 years)',
    text: P04_TRANSCRIPT,
    passages: P04_PASSAGES,
    extras: P04_EXTRAS,
  },
];
