import type { DemoCoder, DemoLayerExtras, Passage } from './types';

/** The two coders' independent readings of P02 (see p01Codings.ts for the coders' styles). */
export const P02_PASSAGES: Passage[] = [
  {
    quote: "Like the model is the house but the alliance is the ground it's built on, and if the ground shifts it doesn't matter how nice your house is.",
    coder1: 'encounter',
    coder2: 'encounter',
  },
  {
    quote: 'are you actually listening to me or are you reading from a script?',
    coder1: 'rupture-confrontation',
    coder2: 'rupture-confrontation',
  },
  { quote: 'And I just, I felt my face go hot. Like properly hot. My heart was going.', coder1: 'embodied-alarm', coder2: 'embodied-alarm' },
  {
    quote: "And I said something like, oh, well, this is the model we use, it's very evidence-based. Which is, looking back, exactly the script.",
    coder1: 'rupture-target',
    coder2: { theme: 'doubt-impostor', memo: 'Retreat into the model as cover for feeling exposed, rather than a response to anger.' },
  },
  {
    quote: "I think there was a part of me going, she's found you out.",
    coder1: 'doubt-impostor',
    coder2: {
      theme: 'doubt-impostor',
      quote: "I think there was a part of me going, she's found you out. Like she'd seen that I was just doing what I'd been taught and that there wasn't really anything underneath it. That I wasn't a real therapist, I was someone who'd learned the lines.",
    },
  },
  { quote: "I go into professional mode, like I put the lanyard on, even though I'm already wearing the lanyard.", coder1: 'doubt-impostor' },
  { quote: 'She went quiet. Sort of folded her arms and said, okay, go on then.', coder1: 'rupture-withdrawal', coder2: 'rupture-withdrawal' },
  { quote: 'I could feel it, like a weight in my stomach all afternoon.', coder1: 'embodied-alarm' },
  {
    quote: 'It was like talking to someone through a letterbox.',
    coder1: 'rupture-withdrawal',
    coder2: {
      theme: 'rupture-withdrawal',
      quote: 'and the next session she was sort of half there, answering in one word. Yes, no, fine. It was like talking to someone through a letterbox.',
    },
  },
  {
    quote: "There wasn't really space to say, I think a client hates me and I feel like a fraud.",
    coder1: 'supervision-shame',
    coder2: 'supervision-shame',
  },
  {
    quote: 'And I came out of that feeling worse, because it sort of put it on her. Like she was the problem.',
    coder1: 'supervision-shame',
    coder2: 'repair-owning',
  },
  {
    quote: "I wonder if something I said last time didn't sit right with you. And I remember sitting there thinking, you're allowed to do that? In CBT?",
    coder1: 'repair-naming',
  },
  {
    quote: "I said, I've been thinking about last time, when you asked if I was reading from a script, and I don't think I gave you a proper answer.",
    coder1: 'repair-naming',
    coder2: 'repair-naming',
  },
  { quote: 'It was like the room turned back on.', coder1: 'embodied-atmosphere', coder2: 'repair-deepening' },
  {
    quote: 'She said, well, you did sound like a leaflet. And I said, yeah, I think I did. I think I was nervous.',
    coder1: 'repair-owning',
    coder2: 'repair-owning',
  },
  {
    quote: "every doctor she'd seen had done the same thing, given her a leaflet and sent her home, and that she'd felt like a nuisance",
    coder1: 'repair-deepening',
    coder2: 'difference-power',
  },
  {
    quote: 'And that ended up being the main thing we worked on, actually, that feeling of being a nuisance. Much more than the panic itself.',
    coder1: 'repair-deepening',
    coder2: 'repair-deepening',
  },
  {
    quote: "The times I've been most honest about being a person in the room, that's when clients have come closer. The times I hide behind the model, they back off.",
    coder1: 'trust',
    coder2: 'trust',
  },
  { quote: "I think most of the time I feel like I'm about six months from being found out.", coder1: 'doubt-impostor', coder2: 'doubt-impostor' },
  {
    quote: "and some of the other therapists have got doctorates, and I've got my postgrad diploma and that's it.",
    coder1: 'doubt-impostor',
    coder2: 'doubt-impostor',
  },
  { quote: 'the scores are my proof', coder1: 'doubt-impostor' },
  {
    quote: "If I follow the steps, nobody can say I did it wrong. But that's the bit that makes me less present.",
    coder1: 'doubt-impostor',
    coder2: 'doubt',
  },
  {
    quote: 'And there was this moment where we were both laughing and he was also really, really scared, and I could feel the fear coming off him, like a kind of buzz, and I just stayed with him in it.',
    coder1: 'embodied-attunement',
    coder2: {
      theme: 'embodied-attunement',
      quote: "I could feel the fear coming off him, like a kind of buzz, and I just stayed with him in it. I didn't say anything clever. I just stayed.",
    },
  },
  {
    quote: 'Like my own shoulders went up. My breathing went a bit shallow. I think I was kind of catching it.',
    coder1: 'embodied-attunement',
    coder2: 'embodied-alarm',
  },
  {
    quote: 'I deliberately slowed my breathing, and I swear, a minute later, so did his.',
    coder1: 'embodied-rhythm',
    coder2: 'embodied-rhythm',
  },
  { quote: 'like two radios on the same station', coder1: 'embodied-rhythm' },
  {
    quote: "So the alliance isn't the thing you do before the real work. It kind of is the real work, or it's what makes the real work possible.",
    coder1: 'encounter',
  },
  {
    quote: 'Someone will say a word in Punjabi, or talk about the pressure from their parents, and I get it without them having to explain, and you can see them relax.',
    coder1: 'difference-sameness',
    coder2: 'difference-language',
  },
  {
    quote: "it's because they're worried I might know their family. Or their auntie might know my auntie.",
    coder1: 'difference-sameness',
    coder2: 'difference-sameness',
  },
  {
    quote: 'So me being the same, in their eyes, can make me less safe, not more.',
    coder1: 'difference-sameness',
    coder2: 'difference-sameness',
  },
  {
    quote: "I had one woman say to me straight out, can I see someone else, no offence, and I was, I'll be honest, I was hurt. I felt rejected.",
    coder1: 'difference-sameness',
    coder2: 'rupture-confrontation',
  },
  {
    quote: 'my supervisor said, you gave her a choice she might not have had anywhere else in her life.',
    coder1: 'supervision-containment',
    coder2: ['supervision-containment', 'difference-power'],
  },
  {
    quote: 'And I start assuming. I start filling in the gaps with my own story.',
    coder1: 'difference-sameness',
    coder2: {
      theme: 'difference-sameness',
      quote: "Sometimes I think I over-identify. A young man talks about his dad wanting him to be an accountant, and I'm, like, I know this, I know exactly this. And I start assuming. I start filling in the gaps with my own story.",
    },
  },
  { quote: "I have to remember that similar isn't the same.", coder2: 'difference-sameness' },
  {
    quote: 'But she\'s the one who asks, what was it like for you? Nobody had asked me that. Not in four years.',
    coder1: 'supervision-containment',
    coder2: 'supervision-containment',
  },
  {
    quote: 'It goes from being this horrible secret to being something we can look at.',
    coder1: 'supervision-containment',
    coder2: 'supervision-containment',
  },
  {
    quote: 'I felt like a nuisance in my own team, in supervision, and it was almost like the same feeling moving around between all of us.',
    coder1: 'supervision-containment',
    coder2: { theme: 'supervision', memo: 'Parallel process. No theme for it yet: propose one at reconciliation?' },
  },
  { quote: "It wasn't a requirement in my training, which I think is strange now, looking back.", coder2: 'own-therapy' },
  { quote: 'I felt this huge pressure to have a good answer. To be a good client.', coder1: 'own-therapy-chair', coder2: 'own-therapy-chair' },
  {
    quote: 'This is what my clients feel when I ask them for their SMART goals in session one.',
    coder1: {
      theme: 'own-therapy-chair',
      quote: "This is what my clients feel when I ask them for their SMART goals in session one. They're sitting there trying to have the right answer for me.",
    },
    coder2: 'own-therapy-chair',
  },
  { quote: "I'm the eldest, and I'm the one who sorts things out in my family.", coder1: 'own-therapy-wounds', coder2: 'own-therapy-wounds' },
  {
    quote: 'When a client is struggling, I want to fix it, I want to get the plan out, give them a worksheet. Sort it.',
    coder1: 'own-therapy-pull',
    coder2: 'own-therapy-pull',
  },
  { quote: "So from the first session you know when it's going to end.", coder1: 'endings-planned', coder2: 'endings-unplanned' },
  {
    quote: 'kind of doing maths in my head while he was crying',
    coder1: 'endings-unplanned',
    coder2: {
      theme: 'endings-unplanned',
      quote: 'And I remember sitting there, kind of doing maths in my head while he was crying. Like, how do I fit this into three sessions. And I hated that.',
    },
  },
  { quote: 'And in the last session he shook my hand and said, thank you, son.', coder1: 'endings-planned' },
  { quote: "I don't know what happened to him. I'll never know.", coder1: 'endings-left-behind', coder2: 'endings-left-behind' },
  { quote: 'if someone misses two sessions without contact we discharge them', coder1: 'endings-unplanned', coder2: 'difference-power' },
  {
    quote: "The system thinks it's finished. And in my head it's not finished at all. I'm like, was it me? Did I say something?",
    coder1: 'endings-left-behind',
    coder2: 'endings-left-behind',
  },
  { quote: 'Like a little pile of unfinished stories.', coder1: 'endings-left-behind' },
  { quote: 'I used to think the techniques were the therapy and I was the delivery system. Like a courier.', coder2: 'encounter' },
];

export const P02_EXTRAS: Record<DemoCoder, DemoLayerExtras> = {
  coder1: {
    notes: [
      {
        quote: "It's like holding the steering wheel so hard you can't feel the road.",
        kind: 'linguistic',
        text: 'Grip metaphor: control (the protocol) blocks contact (feeling the road).',
      },
      {
        quote: 'I literally answered her with the script.',
        kind: 'descriptive',
        text: 'He recognises, in retrospect, that his defence enacted the very accusation.',
      },
      {
        quote: 'I sort of have to forget what I know, a bit, to actually listen.',
        kind: 'conceptual',
        text: 'Bracketing his own cultural knowledge; similarity as an obstacle to hearing.',
      },
      {
        quote: "I'm still working it out.",
        kind: 'linguistic',
        text: 'Tentative, early-career voice; frequent hedges ("sort of", "I don\'t know") and laughter after exposed statements.',
      },
    ],
    statements: [
      {
        quote: 'she\'s found you out',
        text: 'Being challenged feels like being exposed as a fraud',
        themes: ['doubt-impostor', 'rupture-confrontation'],
      },
      {
        quote: 'with nicer arrows',
        text: 'Repeating the client\'s old experience of professionals, then repairing it',
        themes: ['repair-deepening'],
      },
      {
        quote: 'He stayed because I was in it with him.',
        text: 'The technique works because the therapist is in it too',
        themes: ['encounter', 'embodied-attunement'],
      },
    ],
  },
  coder2: {
    notes: [
      {
        quote: 'My family thought I was going to be a doctor.',
        kind: 'descriptive',
        text: 'Family expectation; returns later as the eldest who sorts things out.',
      },
      {
        quote: 'the model is the house but the alliance is the ground',
        kind: 'linguistic',
        text: 'Foundation metaphor: the model is visible and built; the alliance is beneath and taken for granted until it shifts.',
      },
      {
        quote: "Someone who wasn't going to see her at a wedding.",
        kind: 'conceptual',
        text: 'Community as an audience: confidentiality is about social worlds, not only records.',
      },
      {
        quote: 'the other person on the rope',
        kind: 'linguistic',
        text: 'From courier to climbing partner: a shift from delivering to being held by and holding the other.',
      },
      {
        quote: 'I hated that I was doing maths while this man was telling me the most important thing he\'d ever said out loud.',
        kind: 'conceptual',
        text: 'Service arithmetic intruding into presence; the session limit lives in the therapist\'s head.',
      },
    ],
    statements: [
      {
        quote: 'She actually trusted me more.',
        text: 'Admitting nervousness brought the client closer',
        themes: ['repair-owning', 'trust'],
      },
      {
        quote: 'I felt rejected.',
        text: 'Being refused as a therapist from the same community hurts',
        themes: ['difference-sameness'],
      },
    ],
  },
};
