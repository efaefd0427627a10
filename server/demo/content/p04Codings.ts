import type { DemoCoder, DemoLayerExtras, Passage } from './types';

/** The two coders' independent readings of P04 (see p01Codings.ts for the coders' styles). */
export const P04_PASSAGES: Passage[] = [
  {
    quote: "I've spent my whole career doing things to people. Giving them medication, writing risk assessments, deciding whether they can go home.",
    coder1: 'difference-power',
    coder2: 'own-therapy-wounds',
  },
  { quote: 'What I can do is walk next to them for a bit while they find their feet.', coder1: 'encounter', coder2: 'encounter' },
  {
    quote: "When it's right they feel I'm next to them. When it's wrong, it's usually because I've got in front.",
    coder1: 'encounter',
    coder2: {
      theme: 'encounter',
      quote: "So for me the alliance is, do they feel I'm next to them or do they feel I'm in front, pulling, or behind, pushing. When it's right they feel I'm next to them. When it's wrong, it's usually because I've got in front.",
    },
  },
  { quote: 'Twenty years of being the one who knows what to do.', coder1: 'own-therapy-pull', coder2: 'own-therapy-wounds' },
  {
    quote: 'Have you seen your GP, are you eating, have you thought about a sleep routine, what support have you got. Questions, questions.',
    coder1: 'own-therapy-pull',
    coder2: 'own-therapy-pull',
  },
  {
    quote: 'She sort of shrank. She got smaller in the chair. Her answers got shorter.',
    coder1: 'rupture-withdrawal',
    coder2: 'rupture-withdrawal',
  },
  { quote: "I don't think I'll come next week, I've got a lot on", coder1: 'rupture-withdrawal', coder2: 'endings-unplanned' },
  {
    quote: 'Assessing her. Managing her.',
    coder1: 'difference-power',
    coder2: {
      theme: 'difference-power',
      quote: "Assessing her. Managing her. She'd spent two years being the carer, being told what to do, and here was another big man with a checklist.",
    },
  },
  { quote: "There's a feeling in my stomach, like going down in a lift too fast.", coder1: 'embodied-alarm', coder2: 'embodied-alarm' },
  {
    quote: "who do you think you are, you're a nurse playing at being a counsellor",
    coder1: 'doubt-impostor',
    coder2: 'doubt-impostor',
  },
  { quote: 'she said, so you know what happened, then', coder1: 'supervision-containment', coder2: 'supervision-containment' },
  {
    quote: "I think I was treating you like a patient and you've had enough of that.",
    coder1: {
      theme: 'repair-apology',
      quote: "I said, I'm sorry to ring you, I've been thinking about our session, and I think I asked you far too many questions. I think I was treating you like a patient and you've had enough of that.",
    },
    coder2: 'repair-owning',
  },
  {
    quote: 'My hands were itching to do something, I could feel them wanting to pick up a pen, pass a tissue, anything.',
    coder1: 'own-therapy-pull',
    coder2: 'embodied-alarm',
  },
  {
    quote: "I miss him, and I'm so relieved he's gone, and I hate myself for being relieved.",
    coder1: 'repair-deepening',
    coder2: 'repair-deepening',
  },
  { quote: 'I think saying sorry gave her something.', coder1: 'repair-apology', coder2: 'repair-apology' },
  { quote: "Because she'd told me off, in a way, and I'd taken it.", coder1: 'rupture-target', coder2: 'rupture-target' },
  {
    quote: "when I'm anxious in a session I want to move. Fidget, fetch a glass of water, open a window.",
    coder1: 'embodied-alarm',
    coder2: 'embodied-alarm',
  },
  {
    quote: "And when it's going well I go very still. Sort of heavy, but in a good way. Settled.",
    coder1: 'embodied-attunement',
    coder2: 'embodied-attunement',
  },
  {
    quote: "Sometimes I notice we're breathing together, me and the client, and I don't know who started it.",
    coder1: 'embodied-rhythm',
    coder2: 'embodied-rhythm',
  },
  {
    quote: 'my eyes fill up',
    coder1: 'embodied-attunement',
    coder2: { theme: 'embodied-attunement', quote: "and my eyes fill up. I don't sob." },
  },
  { quote: 'she said, good. I wanted someone else to feel it.', coder1: 'embodied-attunement', coder2: 'trust' },
  { quote: 'I went in thinking, right, forty hours, tick the box.', coder2: 'own-therapy' },
  { quote: 'My dad died when I was fourteen. Heart attack, in the garden.', coder1: 'own-therapy-wounds', coder2: 'own-therapy-wounds' },
  { quote: 'my mum needed me to be the man of the house', coder1: 'own-therapy-wounds', coder2: 'own-therapy-wounds' },
  { quote: "How I'd become the one who copes. The one who takes charge.", coder1: 'own-therapy-wounds', coder2: 'own-therapy-pull' },
  {
    quote: 'Fifty-six years old and crying about my dad in a little room in a church hall.',
    coder1: 'own-therapy-chair',
    coder2: 'own-therapy-chair',
  },
  { quote: 'I could feel myself wanting to be his dad.', coder1: 'own-therapy-pull', coder2: 'own-therapy-pull' },
  { quote: 'A sort of warmth that was a bit too warm.', coder1: 'embodied-alarm', coder2: 'own-therapy-pull' },
  { quote: 'how old were you when your father died?', coder1: 'supervision-containment', coder2: 'supervision-containment' },
  { quote: "It's like emptying your pockets at the end of the day.", coder1: 'supervision-containment', coder2: 'supervision-containment' },
  {
    quote: "and I didn't bring the ones where I'd gone into fixing. Because I was ashamed of the fixing.",
    coder1: 'supervision-shame',
    coder2: 'supervision-shame',
  },
  { quote: "I'm the oldest person here and I know the least.", coder1: 'doubt-impostor', coder2: 'doubt-impostor' },
  {
    quote: "The doubt is still there, but it's more like a grumble now than a shout.",
    coder1: 'doubt',
    coder2: 'doubt-instrument',
  },
  {
    quote: "I can see them checking me when they come in. Where's the door, how big is he.",
    coder1: 'difference-power',
    coder2: { theme: 'trust-testing', memo: 'Checking as testing? Or is this about power and gender, not trust?' },
  },
  { quote: 'I always let them have the chair nearest the door', coder1: 'difference-power', coder2: 'difference-power' },
  {
    quote: "I said, I don't know much about how your family marks a death, would you be willing to tell me, if it matters to you.",
    coder1: 'difference-culture',
    coder2: 'difference-culture',
  },
  { quote: "It's like the grief comes back to check the door is really open.", coder1: 'endings-planned', coder2: 'endings-planned' },
  {
    quote: "you're alright, you",
    coder1: 'endings-planned',
    coder2: {
      theme: 'endings-planned',
      quote: "And on our last session he shook my hand, and then he said, you're alright, you. Which from him was like a medal.",
    },
  },
  { quote: "I wrote, I rang, nothing. And I don't know why.", coder1: 'endings-unplanned', coder2: 'endings-unplanned' },
  {
    quote: 'We sort of said goodbye to her together, me and my supervisor.',
    coder1: 'endings-left-behind',
    coder2: 'supervision-containment',
  },
  { quote: "Otherwise she'd just be a loose end, flapping about.", coder1: 'endings-left-behind', coder2: 'endings-left-behind' },
  { quote: "you're only here because you're paid to be", coder1: 'trust-testing', coder2: 'trust-testing' },
  { quote: "I just said, it is my job, and I'm also here.", coder1: 'trust-consistency', coder2: 'trust-consistency' },
  {
    quote: "And I kept turning up, same time, same room, same biscuits. I remembered his brother's name.",
    coder1: {
      theme: 'trust-consistency',
      quote: "And I kept turning up, same time, same room, same biscuits. I remembered his brother's name. I remembered the name of the dog.",
    },
    coder2: 'trust-consistency',
  },
  { quote: 'They stop checking.', coder2: 'trust-testing' },
  {
    quote: 'For one person in their life being steady while everything else has fallen apart.',
    coder1: 'encounter',
    coder2: 'encounter',
  },
];

export const P04_EXTRAS: Record<DemoCoder, DemoLayerExtras> = {
  coder1: {
    notes: [
      {
        quote: 'Big bloke who\'s done restraint training sitting in a circle talking about congruence.',
        kind: 'linguistic',
        text: 'Self-deprecating humour marks the identity shift from nurse to counsellor.',
      },
      {
        quote: 'I felt like I\'d trodden on something.',
        kind: 'linguistic',
        text: 'Clumsy, heavy-footed imagery recurs ("a big man in a small shop"): his size as a felt liability.',
      },
      {
        quote: "you haven't got the training these youngsters have",
        kind: 'conceptual',
        text: 'Legitimacy doubt tied to professional history and qualifications rather than to skill.',
      },
      {
        quote: 'I know what a dying ward smells like.',
        kind: 'descriptive',
        text: 'Reclaims nursing experience as a different kind of knowing.',
      },
      {
        quote: 'Like a big man in a small shop.',
        kind: 'linguistic',
        text: 'Not knowing the client\'s customs felt as physical clumsiness.',
      },
    ],
    statements: [
      {
        quote: 'because I\'ve got in front',
        text: 'The alliance fails when I lead instead of walking alongside',
        themes: ['encounter', 'own-therapy-pull'],
      },
      {
        quote: 'And I just sat on them, more or less.',
        text: 'Holding back the urge to do, so the client can lead',
        themes: ['own-therapy-pull', 'repair-deepening'],
      },
      {
        quote: 'That\'s how you know, I think.',
        text: 'Trust shows when the client stops testing',
        themes: ['trust-testing', 'trust-consistency'],
      },
    ],
  },
  coder2: {
    notes: [
      {
        quote: 'I was a psychiatric nurse for twenty-odd years',
        kind: 'descriptive',
        text: 'Career changer; the contrast "doing to" versus "doing with" frames the whole interview.',
      },
      {
        quote: 'It was enough.',
        kind: 'linguistic',
        text: 'The supervisor\'s "mm" as a minimal, sufficient intervention; he values economy of words.',
      },
      {
        quote: 'In this work, nobody gets better, exactly.',
        kind: 'conceptual',
        text: 'The alliance without an outcome: companionship as its own end, against the nursing logic of discharge.',
      },
      {
        quote: 'You lot always get there in the end.',
        kind: 'conceptual',
        text: 'The interview itself becomes a relational space; he positions the interviewer as a therapist.',
      },
    ],
    statements: [
      {
        quote: 'I was hiding it from the one person who could help.',
        text: 'Hiding the cases I was ashamed of from supervision',
        themes: ['supervision-shame'],
      },
      {
        quote: 'clumsy and honest is better than smooth and pretending',
        text: 'Honest not-knowing across cultures is better than pretending',
        themes: ['difference-culture'],
      },
    ],
  },
};
