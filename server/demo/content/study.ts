import type { DemoParticipant } from './types';

/** The demo study (fictional): title and description as a lead would write them. */
export const DEMO_STUDY = {
  title: "Psychotherapists' lived experience of the working alliance",
  description:
    'A fictional IPA study seeded by `concord demo`. Four practising therapists of different modalities and career stages ' +
    'were interviewed (semi-structured, about 60 minutes) about how they experience the working alliance: building trust, ' +
    'rupture and repair, the body, difference, supervision, their own therapy and endings. Two coders analyse the transcripts ' +
    'blind to each other before reconciliation. All people, clients and events in these transcripts are invented.',
} as const;

/** The participants; attributes are the sampling characteristics an IPA write-up reports. */
export const DEMO_PARTICIPANTS = {
  P01: {
    pseudonym: 'P01',
    attributes: {
      'years of practice': 23,
      modality: 'integrative',
      'age band': '50-59',
      gender: 'woman',
      setting: 'NHS psychological therapies team and private practice',
    },
  },
  P02: {
    pseudonym: 'P02',
    attributes: {
      'years of practice': 4,
      modality: 'CBT',
      'age band': '30-39',
      gender: 'man',
      setting: 'primary care talking therapies service',
    },
  },
  P03: {
    pseudonym: 'P03',
    attributes: {
      'years of practice': 12,
      modality: 'psychodynamic',
      'age band': '40-49',
      gender: 'woman',
      setting: 'specialist service for refugees and asylum seekers, private practice',
    },
  },
  P04: {
    pseudonym: 'P04',
    attributes: {
      'years of practice': 7,
      modality: 'person-centred',
      'age band': '60-69',
      gender: 'man',
      setting: 'hospice bereavement service, private practice',
    },
  },
} as const satisfies Record<string, DemoParticipant>;
