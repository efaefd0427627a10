import type { DemoTheme } from './types';

/**
 * The demo study's theme hierarchy (fictional): Area > Superordinate theme > Theme > Sub-theme.
 * Each area has its own hue family so a glance at a highlight tells which area it belongs to.
 */
export const DEMO_LEVELS = ['Area', 'Superordinate theme', 'Theme', 'Sub-theme'] as const;

export const DEMO_CODEBOOK: DemoTheme[] = [
  {
    key: 'encounter',
    label: 'Meeting the other: the felt alliance',
    description: 'How therapists experience the bond itself: how it is built, where in themselves they register it, and how it stretches across difference.',
    color: '#2f6f9f',
    children: [
      {
        key: 'trust',
        label: 'Trust as something earned slowly',
        description: 'Trust is not requested but demonstrated, week after week; therapists describe being tested and having to extend trust in return.',
        color: '#3d83b8',
        children: [
          {
            key: 'trust-testing',
            label: 'Being tested by the client',
            description: 'Cancellations, lateness, provocations or small disclosures the therapist reads as the client checking whether the therapist is safe.',
            color: '#4e79a7',
            children: [
              {
                key: 'trust-consistency',
                label: 'Passing the test by staying the same',
                description: 'Reliability, not retaliating, remembering: the unglamorous sameness that answers the test.',
                color: '#6a98c4',
              },
            ],
          },
          {
            key: 'trust-reciprocal',
            label: 'Trusting the client to trust me',
            description: 'The therapist\'s own trust in the client\'s capacity, and the cost of withholding it (over-doing, pushing techniques).',
            color: '#5b8fc0',
          },
        ],
      },
      {
        key: 'embodied',
        label: 'The alliance felt in the body',
        description: 'Connection and disconnection registered somatically, often before they are thought: warmth, breath, tension, heaviness.',
        color: '#3a9e8f',
        children: [
          {
            key: 'embodied-attunement',
            label: 'Attunement as a bodily sense',
            description: 'Feeling "with" the client in the body: warmth, loosening, shared rhythm.',
            color: '#76b7b2',
            children: [
              {
                key: 'embodied-rhythm',
                label: 'Breathing and moving together',
                description: 'Mirroring posture, matching breath or pace; noticed after the fact.',
                color: '#86bcb6',
              },
              {
                key: 'embodied-atmosphere',
                label: 'The atmosphere of the room',
                description: 'The room itself as a register of the relationship: temperature, weather, light, draughts.',
                color: '#5fa8a0',
              },
            ],
          },
          {
            key: 'embodied-alarm',
            label: 'Bodily signals of disconnection',
            description: 'Tight jaw, gripping hands, heat, sleepiness or a racing heart read as signs that something has gone wrong.',
            color: '#2e8b7a',
          },
        ],
      },
      {
        key: 'difference',
        label: 'Meeting across difference',
        description: 'Culture, language, class, faith, age and gender as present in the room, named or unnamed.',
        color: '#6b5fa8',
        children: [
          {
            key: 'difference-culture',
            label: 'Naming cultural difference',
            description: 'The move from "we are all human" to acknowledging not knowing the client\'s world from the inside.',
            color: '#8a7cc4',
            children: [
              {
                key: 'difference-language',
                label: 'Language and being understood',
                description: 'Interpreters, second languages, words that do not translate, the mother tongue in the room.',
                color: '#a396d4',
              },
              {
                key: 'difference-sameness',
                label: 'The complications of sameness',
                description: 'Shared background bringing assumed closeness, community fears or over-identification.',
                color: '#9b8ccf',
              },
            ],
          },
          {
            key: 'difference-power',
            label: 'Power in the room',
            description: 'Asymmetries of institution, status, gender or legal position, and how they shape what can be said.',
            color: '#b07aa1',
          },
        ],
      },
    ],
  },
  {
    key: 'faltering',
    label: 'When the alliance falters',
    description: 'Ruptures, their repair, and the endings (chosen or not) that close the relationship.',
    color: '#b5532e',
    children: [
      {
        key: 'rupture',
        label: 'Recognising rupture',
        description: 'How therapists come to know that the alliance has broken down, quietly or loudly.',
        color: '#d0602f',
        children: [
          {
            key: 'rupture-withdrawal',
            label: 'Withdrawal ruptures',
            description: 'The client goes quiet, agrees too readily, goes missing or stops bringing material.',
            color: '#f28e2b',
          },
          {
            key: 'rupture-confrontation',
            label: 'Confrontation ruptures',
            description: 'The client challenges the therapist, the method or the frame directly.',
            color: '#e15759',
            children: [
              {
                key: 'rupture-target',
                label: 'Being the target of anger',
                description: 'The therapist\'s lived experience of receiving the client\'s anger, and the pull to defend or placate.',
                color: '#e8787a',
              },
            ],
          },
        ],
      },
      {
        key: 'repair',
        label: 'The work of repair',
        description: 'What therapists do after a rupture, and what repair makes possible.',
        color: '#c9772a',
        children: [
          {
            key: 'repair-naming',
            label: 'Naming what happened between us',
            description: 'Bringing the rupture into words in the session ("I think I lost you a moment ago").',
            color: '#edc948',
          },
          {
            key: 'repair-owning',
            label: 'Owning one\'s part',
            description: 'The therapist acknowledging their contribution rather than interpreting the client\'s.',
            color: '#e0a43a',
            children: [
              {
                key: 'repair-apology',
                label: 'Apologising',
                description: 'Saying sorry, and the question of whose need the apology serves.',
                color: '#f1c26b',
              },
            ],
          },
          {
            key: 'repair-deepening',
            label: 'Repair as deepening',
            description: 'Repaired ruptures experienced as the place where the real work begins.',
            color: '#d9a02b',
          },
        ],
      },
      {
        key: 'endings',
        label: 'Endings and leaving',
        description: 'Planned and unplanned endings and what they leave in the therapist.',
        color: '#8c4a3a',
        children: [
          {
            key: 'endings-planned',
            label: 'The planned ending as a piece of work',
            description: 'Old fears returning at the end; counting down; the therapist\'s own sadness.',
            color: '#9c755f',
          },
          {
            key: 'endings-unplanned',
            label: 'Unplanned endings and the unfinished',
            description: 'Clients who stop coming, are moved or discharged; session limits imposed from outside.',
            color: '#a0522d',
            children: [
              {
                key: 'endings-left-behind',
                label: 'What the therapist is left holding',
                description: 'Wondering, self-blame, private rituals of ending for clients who left without goodbye.',
                color: '#c07a5a',
              },
            ],
          },
        ],
      },
    ],
  },
  {
    key: 'self',
    label: 'The therapist as person',
    description: 'The therapist\'s own history, doubts and sources of support as part of the alliance.',
    color: '#4f7d3a',
    children: [
      {
        key: 'doubt',
        label: 'Living with self-doubt',
        description: 'Doubt that does not go away with experience, but changes shape.',
        color: '#59a14f',
        children: [
          {
            key: 'doubt-impostor',
            label: 'Feeling like a fraud',
            description: 'Fear of being found out; comparing oneself with colleagues; performing competence.',
            color: '#6fb05f',
          },
          {
            key: 'doubt-instrument',
            label: 'Doubt as a useful instrument',
            description: 'Doubt reframed as keeping the therapist curious; certainty experienced as dangerous.',
            color: '#8cc47a',
          },
        ],
      },
      {
        key: 'supervision',
        label: 'Supervision as a holding space',
        description: 'What supervision gives and what it costs to bring the mess.',
        color: '#3f8f5a',
        children: [
          {
            key: 'supervision-containment',
            label: 'Being contained',
            description: 'A place to say the unsayable (boredom, relief, dislike) and have it turned into information.',
            color: '#5cae78',
          },
          {
            key: 'supervision-shame',
            label: 'Shame and what is not brought',
            description: 'Bringing only the tidy cases; supervision as assessment rather than support.',
            color: '#7fbf8f',
          },
        ],
      },
      {
        key: 'own-therapy',
        label: 'The therapist\'s own therapy',
        description: 'Personal therapy as the place where the therapist learned what the client\'s chair is like.',
        color: '#6e7f2e',
        children: [
          {
            key: 'own-therapy-chair',
            label: 'Remembering the client\'s chair',
            description: 'Knowing from the inside what it costs to be angry with, or dependent on, one\'s therapist.',
            color: '#9aa84a',
          },
          {
            key: 'own-therapy-wounds',
            label: 'Own history in the room',
            description: 'The therapist\'s family role and old wounds shaping how they are with clients.',
            color: '#7c8b3b',
            children: [
              {
                key: 'own-therapy-pull',
                label: 'Recognising the old pull',
                description: 'Catching a familiar pattern (placating, rescuing, fixing) as it happens in the session.',
                color: '#b4bf6a',
              },
            ],
          },
        ],
      },
    ],
  },
];
