import type { DemoCoder, DemoLayerExtras, Passage } from './types';

/** The two coders' independent readings of P03 (see p01Codings.ts for the coders' styles). */
export const P03_PASSAGES: Passage[] = [
  {
    quote: 'I remember very clearly what it is like to be in a room where everybody is talking and you are nodding and you understand nothing.',
    coder1: 'difference-language',
    coder2: 'own-therapy-wounds',
  },
  { quote: 'I went looking for that room again, to see if I could make it a bit kinder.', coder1: 'own-therapy-wounds', coder2: 'own-therapy-wounds' },
  {
    quote: 'It is the part of the person that agrees to come back.',
    coder1: 'encounter',
    coder2: {
      theme: 'encounter',
      quote: 'It is the part of the person that agrees to come back. Every week, whatever has happened, whatever they feel about me, there is a part of them that gets on the bus and comes.',
    },
  },
  {
    quote: 'At the beginning of my career I thought of the interpreter as a kind of machine. Words go in, words come out.',
    coder1: 'difference-language',
    coder2: 'difference-language',
  },
  {
    quote: "Sometimes the client trusts the interpreter long before they trust me. They share a language, sometimes a history. I've learned not to be jealous of that.",
    coder1: 'trust',
    coder2: 'difference-language',
  },
  {
    quote: 'He would answer every question, very correctly, very politely, and I felt nothing.',
    coder1: 'rupture-withdrawal',
    coder2: 'rupture-withdrawal',
  },
  {
    quote: 'I would sit in the session and feel a kind of heaviness, a sleepiness, as if someone had put a blanket over me.',
    coder1: 'embodied-alarm',
    coder2: { theme: 'embodied-attunement', memo: "Sleepiness as catching the client's numbness: attunement rather than alarm?" },
  },
  {
    quote: "But I've learned that the sleepiness is often the client's. It's the numbness he has to live in, and I'm catching it.",
    coder1: 'embodied-attunement',
    coder2: 'embodied-attunement',
  },
  {
    quote: "My eyelids would be heavy, my arms heavy, I'd have to press my feet into the floor to stay present.",
    coder1: 'embodied-alarm',
    coder2: 'embodied-alarm',
  },
  { quote: "I'm sorry, I told him that my brother was also taken. I didn't plan to.", coder1: 'difference-sameness' },
  {
    quote: 'And the room woke up. I felt it in my whole body, like someone had opened the curtains.',
    coder1: 'embodied-atmosphere',
    coder2: { theme: 'embodied-atmosphere', quote: 'And the room woke up.' },
  },
  {
    quote: "Something true has happened here, and it didn't happen through me, and I have to be humble about that.",
    coder1: 'doubt-instrument',
    coder2: 'doubt-instrument',
  },
  {
    quote: "Even though I'm a refugee myself, my story is not his story, and the moment I think it is, I'm lost.",
    coder1: 'difference-sameness',
    coder2: 'difference-sameness',
  },
  { quote: 'which side was your father on?', coder1: 'trust-testing', coder2: 'difference-culture' },
  { quote: 'She was asking, are you safe, will you betray me, are you one of them.', coder1: 'trust-testing', coder2: 'trust-testing' },
  {
    quote: 'Trust, for people who have been betrayed by the state, by neighbours, sometimes by family, is not a feeling. It is a risk.',
    coder1: 'trust',
    coder2: 'trust',
  },
  {
    quote: 'I am a person with papers, in a building with a reception desk and forms and a logo.',
    coder1: 'difference-power',
    coder2: 'difference-power',
  },
  {
    quote: "So when I ask a question, I'm aware it can feel like the Home Office asking a question.",
    coder1: {
      theme: 'difference-power',
      quote: "For many of my clients, buildings like mine are where terrible decisions get made. Interviews where your life depends on your story being consistent. So when I ask a question, I'm aware it can feel like the Home Office asking a question.",
    },
    coder2: 'difference-power',
  },
  { quote: 'she agreed with everything I said. Everything. Which should have been my warning.', coder1: 'rupture-withdrawal', coder2: 'rupture-withdrawal' },
  {
    quote: 'Slowly, and mostly by noticing my own irritation. I began to dread her sessions a little',
    coder1: 'rupture',
    coder2: 'rupture',
  },
  { quote: "she's agreeing you to death", coder1: 'supervision-containment', coder2: 'rupture-withdrawal' },
  { quote: 'The agreement was the withdrawal.', coder1: 'rupture-withdrawal', coder2: 'rupture-withdrawal' },
  {
    quote: "I notice that you agree with almost everything I say, and I find myself wondering whether I'm really reaching you.",
    coder1: 'repair-naming',
    coder2: 'repair-naming',
  },
  { quote: "so now I'm doing therapy wrong as well? I can't even get this right?", coder1: 'rupture-confrontation', coder2: 'rupture-confrontation' },
  {
    quote: 'And I felt it land in my stomach, a real jolt. I wanted to take it back, to reassure her.',
    coder1: 'rupture-target',
    coder2: 'embodied-alarm',
  },
  { quote: "And I didn't say them. I kept quiet and let her be angry with me.", coder1: 'rupture-target', coder2: 'rupture-target' },
  {
    quote: 'I grew up in a house where adults were frightened, and when frightened adults get angry it is dangerous.',
    coder1: 'own-therapy-wounds',
    coder2: 'own-therapy-wounds',
  },
  { quote: 'So some very old part of me wants to make peace immediately, to smooth it over.', coder1: 'own-therapy-pull', coder2: 'own-therapy-pull' },
  { quote: 'My hands were cold. I remember pressing them together in my lap.', coder1: 'embodied-alarm' },
  {
    quote: "that's what my husband says. That I'm never really there. And then we were actually talking.",
    coder1: 'repair-deepening',
    coder2: 'repair-deepening',
  },
  {
    quote: 'I would listen for the sound of her pen.',
    coder1: 'own-therapy-chair',
    coder2: {
      theme: 'own-therapy-chair',
      quote: 'I remember the first months I was completely preoccupied with what she was thinking of me. Was she bored, was she judging me. I would listen for the sound of her pen.',
    },
  },
  { quote: 'In English they were facts. In my language they were unbearable.', coder1: 'difference-language', coder2: 'own-therapy-wounds' },
  { quote: "I'm not only missing the words. I'm missing the place where the feeling lives.", coder1: 'difference-language', coder2: 'difference-language' },
  {
    quote: "Sometimes I ask the client to say something in their own language, even if the interpreter doesn't translate it.",
    coder1: 'difference-language',
    coder2: 'difference-language',
  },
  { quote: 'Their voice goes somewhere different. Softer, or older.', coder2: 'embodied-attunement' },
  {
    quote: 'One hour a week, against everything that has happened to them, and everything that is still happening.',
    coder1: 'doubt',
    coder2: 'doubt-impostor',
  },
  {
    quote: 'There are days I think, what am I doing, this is an obscenity, they need a lawyer and a house, not a psychotherapist.',
    coder1: 'doubt',
    coder2: 'doubt',
  },
  { quote: 'The doubt is a kind of respect for how big the thing is.', coder1: 'doubt-instrument', coder2: 'doubt-instrument' },
  {
    quote: "I didn't say anything in the group for months. I felt I should be able to cope.",
    coder1: 'supervision-shame',
    coder2: 'supervision-shame',
  },
  { quote: "That I wasn't the only container.", coder1: 'supervision-containment', coder2: 'supervision-containment' },
  {
    quote: "there's a phone call, he's been moved, and that's it. No last session. No goodbye.",
    coder1: 'endings-unplanned',
    coder2: 'endings-unplanned',
  },
  { quote: "It's a kind of grief that has nowhere to go.", coder1: 'endings-left-behind', coder2: 'endings-left-behind' },
  {
    quote: 'So to have an ending that is chosen, that is talked about, that has a date, where you can say what it meant, that is therapy in itself.',
    coder1: 'endings-planned',
    coder2: 'endings-planned',
  },
  {
    quote: "this time I am not the one who is leaving, but I wanted you to have it anyway. I went home and I cried, I'm not ashamed to say.",
    coder1: 'endings-planned',
    coder2: { theme: 'endings-planned', quote: "I went home and I cried, I'm not ashamed to say." },
  },
  { quote: 'But I think the alliance lives in the gap, not despite it.', coder1: 'difference-culture', coder2: 'encounter' },
];

export const P03_EXTRAS: Record<DemoCoder, DemoLayerExtras> = {
  coder1: {
    notes: [
      {
        quote: "It's a triangle, and triangles are complicated.",
        kind: 'descriptive',
        text: 'Interpreter-mediated therapy as three relationships, each needing its own alliance.',
      },
      {
        quote: 'as if someone had put a blanket over me',
        kind: 'linguistic',
        text: 'Heaviness and smothering; the opposite image later ("opened the curtains") marks the shift.',
      },
      {
        quote: 'It was like throwing stones into a very deep well and never hearing them land.',
        kind: 'linguistic',
        text: 'Interventions disappear without an echo: compliance as a kind of absence.',
      },
      {
        quote: "I'm one of the people left behind.",
        kind: 'conceptual',
        text: 'Her own migration story mirrored in the clients\' forced endings.',
      },
    ],
    statements: [
      {
        quote: 'the sleepiness is often the client\'s',
        text: 'My body catches the client\'s numbness',
        themes: ['embodied-attunement'],
      },
      {
        quote: 'Trust, for people who have been betrayed by the state',
        text: 'For betrayed people, trusting me is a risk taken every session',
        themes: ['trust', 'difference-power'],
      },
      {
        quote: 'Keep talking across the gap.',
        text: 'The alliance as staying in conversation across a gap that cannot be closed',
        themes: ['difference-culture'],
      },
    ],
  },
  coder2: {
    notes: [
      {
        quote: 'My parents were political refugees. We came here when I was eight.',
        kind: 'descriptive',
        text: 'Her own history of displacement; silent first year at school.',
      },
      {
        quote: 'dressed up as a good alliance',
        kind: 'conceptual',
        text: 'A pseudo-alliance: compliance that looks like collaboration. Compare P01, the engineer\'s courtesy.',
      },
      {
        quote: 'understanding without knowing',
        kind: 'conceptual',
        text: 'Hearing the voice change without the words: an embodied, non-semantic understanding.',
      },
      {
        quote: 'you give them something sweet so that the road is sweet',
        kind: 'linguistic',
        text: 'The client reverses the roles of leaving and staying; a gift for the one who stays.',
      },
    ],
    statements: [
      {
        quote: 'I kept quiet and let her be angry with me.',
        text: 'Staying with the client\'s anger without collapsing or retaliating',
        themes: ['rupture-target', 'own-therapy-pull'],
      },
      {
        quote: 'you are the only place where I was not a case number',
        text: 'Being a person, not a case, to someone',
        themes: ['doubt-instrument', 'difference-power'],
      },
    ],
  },
};
