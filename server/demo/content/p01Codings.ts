import type { DemoCoder, DemoLayerExtras, Passage } from './types';

/**
 * The two coders' independent readings of P01. Coder 1 codes closely to the participant's words
 * and prefers the deepest level; coder 2 reads more conceptually and sometimes stays at a higher
 * level when unsure, which the agreement roll-up can show.
 */
export const P01_PASSAGES: Passage[] = [
  {
    quote: 'I was the one in my family who listened. I was the one my mother talked to at the kitchen table.',
    coder1: 'own-therapy-wounds',
    coder2: {
      theme: 'own-therapy-wounds',
      quote: 'I was the one in my family who listened. I was the one my mother talked to at the kitchen table. It took me a long time, and quite a lot of my own therapy, to see that that was not only a gift.',
    },
  },
  { quote: "It's not a thing you have, it's a thing you keep doing together, and it can go slack at any moment.", coder1: 'encounter' },
  {
    quote: 'For the first six months I felt like I was talking to her through glass.',
    coder1: 'trust-testing',
    coder2: { theme: 'rupture-withdrawal', memo: 'A rupture that was there from the start? Compare P03, "agreeing you to death".' },
  },
  {
    quote: "I can still feel it now, actually, talking about it. It was in my chest. A sort of loosening. Like when you've been holding your breath without noticing and then you let it go.",
    coder1: 'embodied-attunement',
    coder2: 'embodied-attunement',
  },
  { quote: 'I remember it was raining, the window was steamed up', coder1: 'embodied-atmosphere' },
  {
    quote: "It's warm. It sits just here, under the breastbone. I've learned over the years to trust that place more than my head, frankly.",
    coder1: 'embodied-attunement',
    coder2: 'embodied-attunement',
  },
  {
    quote: "I don't think I could have said that when I was newly qualified. I would have been embarrassed to say it. It sounds unscientific.",
    coder2: 'doubt-impostor',
  },
  {
    quote: "we start to breathe in a similar way, we shift in our chairs at the same moments. I notice that I've crossed my legs the way she has.",
    coder1: 'embodied-rhythm',
    coder2: 'embodied-rhythm',
  },
  {
    quote: 'I notice it first as a kind of tightness in my jaw, or I realise my hands are gripping the arms of the chair. Before I\'ve had a single thought about it, my body has already decided that something is wrong.',
    coder1: 'embodied-alarm',
    coder2: { theme: 'embodied-alarm', quote: 'I notice it first as a kind of tightness in my jaw, or I realise my hands are gripping the arms of the chair.' },
  },
  {
    quote: "She'd cancel at very short notice and then watch me, the next week, to see whether I was cross.",
    coder1: 'trust-testing',
    coder2: 'trust-testing',
  },
  {
    quote: 'You have to just pass the tests, one after another, without making a thing of it. Be the same every week. Not retaliate. Remember what she told me.',
    coder1: 'trust-consistency',
    coder2: 'trust-consistency',
  },
  {
    quote: "I had to trust her capacity. If I hadn't, I think I'd have started pushing, doing more, giving her techniques, and she'd have experienced that as me not believing in her.",
    coder1: 'trust-reciprocal',
    coder2: 'trust-reciprocal',
  },
  {
    quote: 'There\'s a particular feeling, I call it the draught. As if someone has opened a door somewhere in the house. The room goes slightly cold.',
    coder1: 'embodied-atmosphere',
    coder2: 'embodied-alarm',
  },
  {
    quote: "The client might still be talking, they might even be agreeing with me, but they've gone somewhere.",
    coder1: 'rupture-withdrawal',
    coder2: 'rupture-withdrawal',
  },
  {
    quote: "Now when I feel the draught I'll often just stop and say something like, I have a feeling I lost you a moment ago.",
    coder1: 'repair-naming',
    coder2: 'repair-naming',
  },
  {
    quote: "And he went quiet. He said, that's a fair point, very courteous.",
    coder1: 'rupture-withdrawal',
    coder2: {
      theme: 'rupture-withdrawal',
      quote: "And he went quiet. He said, that's a fair point, very courteous. And I felt the draught, absolutely. The whole room changed temperature.",
    },
  },
  { quote: "And the next week he didn't come. No message. Nothing.", coder1: 'rupture-withdrawal', coder2: 'endings-unplanned' },
  {
    quote: "there's a part of me that goes straight to, you've damaged him, you were clumsy, you were showing off.",
    coder1: 'doubt-impostor',
    coder2: { theme: 'doubt', memo: 'Left at the superordinate level: remorse after a rupture rather than feeling a fraud?' },
  },
  {
    quote: "I had felt the draught and I'd chosen to be clever rather than curious. That's the bit that stung.",
    coder1: 'repair-owning',
    coder2: 'repair-owning',
  },
  { quote: 'A short note, not a long apologetic thing, because that would have been about me.', coder1: 'repair-apology', coder2: 'repair-naming' },
  {
    quote: "you made me sound like a fool. And I said, I think I did, and I'm sorry.",
    coder1: ['repair-apology', 'rupture-target'],
    coder2: 'repair-apology',
  },
  {
    quote: 'I think ruptures are often where the actual story is. The client is showing you how it goes for them, in the room with you, rather than telling you about it.',
    coder1: 'repair-deepening',
    coder2: 'repair-deepening',
  },
  { quote: "It's like a bone that has broken and healed. It's thicker at the place where it broke.", coder1: 'repair-deepening' },
  {
    quote: 'in my family you did not get angry with the person who was looking after you. You just didn\'t.',
    coder1: 'own-therapy-wounds',
    coder2: 'own-therapy-chair',
  },
  {
    quote: 'She said, tell me more about careless. [laughs] I was furious. But I also felt, for the first time, that someone could take it. That I could be angry and the relationship would still be there the next week.',
    coder1: 'own-therapy-chair',
    coder2: 'own-therapy-chair',
  },
  {
    quote: "I think it's why I can tolerate being the target of someone's anger without rushing to fix it. I know from the inside what it's like to be on the other side of that.",
    coder1: 'own-therapy-chair',
    coder2: ['own-therapy-chair', 'rupture-target'],
  },
  { quote: 'She said, you are very good at making yourself unnecessary.', coder1: 'own-therapy-wounds', coder2: 'own-therapy-wounds' },
  {
    quote: "It's a kind of eagerness. A lightness in my voice. I notice I'm nodding a lot, I'm saying yes, yes, mm.",
    coder1: 'own-therapy-pull',
    coder2: 'own-therapy-pull',
  },
  {
    quote: 'When I catch it, I try to sit back, literally, put my back against the chair, feel my feet on the floor, and let a silence be a silence.',
    coder1: 'own-therapy-pull',
    coder2: 'embodied',
  },
  {
    quote: "The doubt is part of the instrument. If I ever stopped doubting I think I'd be dangerous.",
    coder1: 'doubt-instrument',
    coder2: 'doubt-instrument',
  },
  {
    quote: "Certainty is dangerous in this work. If I'm certain I know what's going on for someone, I've stopped listening.",
    coder1: 'doubt-instrument',
  },
  {
    quote: "a place where I can say the things I'm ashamed of. Like, I was bored with this client today. Or, I was relieved when she cancelled.",
    coder1: 'supervision-containment',
    coder2: 'supervision-containment',
  },
  {
    quote: "I took her only the cases that were going well. I would prepare, I'd almost rehearse what I'd say, so I'd look competent.",
    coder1: 'supervision-shame',
    coder2: 'supervision-shame',
  },
  {
    quote: 'I never took her to supervision because I was ashamed. I just wrote it up as non-attendance. I still think about her. I still wonder what I missed.',
    coder1: 'supervision-shame',
    coder2: 'endings-left-behind',
  },
  { quote: "supervision only works if you bring the mess. If you bring the tidy cases you're just performing.", coder1: 'supervision-shame' },
  { quote: "because the ending is written in before we've started", coder1: 'endings-unplanned', coder2: 'difference-power' },
  { quote: "the number feels like one more message that they're too much.", coder2: 'endings-unplanned' },
  {
    quote: "What I can do is be honest about it from the start, and count down with them, so it doesn't arrive like a trapdoor.",
    coder1: 'endings-planned',
    coder2: 'endings-planned',
  },
  {
    quote: 'Often the thing the client came with comes back, right at the end, as if to check: are you really going to let me go? Is it really alright for me to leave?',
    coder1: 'endings-planned',
    coder2: 'endings-planned',
  },
  {
    quote: "On the first Tuesday after she'd finished, at ten o'clock, I found myself looking at the door.",
    coder1: 'endings-planned',
    coder2: {
      theme: 'endings-planned',
      quote: "But I'd spent three years with her, every Tuesday at ten. On the first Tuesday after she'd finished, at ten o'clock, I found myself looking at the door.",
    },
  },
  {
    quote: "They're like a door left ajar in the house. I've learned to do something like a private ending, in supervision, or just on my own. I might write them a letter I don't send.",
    coder1: 'endings-left-behind',
    coder2: 'endings-left-behind',
  },
  {
    quote: "For a long time I believed that if I was warm enough and careful enough, difference wouldn't matter very much. I'd say, we're all human. And I was wrong about that.",
    coder1: 'difference-culture',
    coder2: 'difference-culture',
  },
  { quote: "you don't really get it, do you", coder1: 'rupture-confrontation', coder2: 'difference-culture' },
  {
    quote: "Exposed. A bit hot in the face. There's a kind of shame that comes with realising you've been assuming your own world is the world.",
    coder1: 'embodied-alarm',
    coder2: 'difference-culture',
  },
  { quote: "It can be lost in a sentence. And it can survive things you'd never imagine it could survive.", coder2: 'encounter' },
  {
    quote: "It's showing up every Tuesday at ten and being the same person. That's what builds it, in the end.",
    coder1: 'trust-consistency',
    coder2: 'trust-consistency',
  },
];

export const P01_EXTRAS: Record<DemoCoder, DemoLayerExtras> = {
  coder1: {
    notes: [
      {
        quote: 'Like two people carrying a table up a staircase, one at each end.',
        kind: 'linguistic',
        text: 'Metaphor of shared physical labour: the alliance as a load carried jointly, with neither party seeing the whole way.',
      },
      {
        quote: 'I call it the draught.',
        kind: 'linguistic',
        text: 'Her own private word for disconnection; the house/door imagery returns later ("a door left ajar").',
      },
      {
        quote: 'He came back and the first thing he said was, you made me sound like a fool.',
        kind: 'descriptive',
        text: 'Rupture with the engineer: observation, polite withdrawal, missed session, letter, return, apology.',
      },
      {
        quote: "It's the child at the kitchen table, making sure mum is alright.",
        kind: 'conceptual',
        text: 'Family role re-enacted in sessions: placating to avoid feeling the disconnection.',
      },
      {
        quote: "It's taken me twenty years.",
        kind: 'linguistic',
        text: 'Understatement: the simple act (sitting back, silence) framed as a long apprenticeship.',
      },
    ],
    statements: [
      {
        quote: 'But my chest knows whether we actually met.',
        text: 'The body knows whether we really met before the head does',
        themes: ['embodied-attunement'],
      },
      {
        quote: "It's thicker at the place where it broke.",
        text: 'A repaired rupture leaves the relationship stronger where it broke',
        themes: ['repair-deepening'],
      },
      {
        quote: 'I found myself looking at the door.',
        text: 'Allowing myself to grieve a planned ending',
        themes: ['endings-planned'],
      },
    ],
  },
  coder2: {
    notes: [
      {
        quote: 'talking to her through glass',
        kind: 'linguistic',
        text: 'Glass: visible but untouchable. Later "the glass gets thinner": trust as gradual thinning, not a breakthrough.',
      },
      {
        quote: 'The whole room changed temperature.',
        kind: 'conceptual',
        text: 'Disconnection felt as a change of atmosphere rather than as a thought; the room as an extension of the body.',
      },
      {
        quote: 'I just wrote it up as non-attendance.',
        kind: 'conceptual',
        text: 'Institutional language used to cover shame; the record hides the relational event.',
      },
      {
        quote: "I'm a white woman in my fifties who grew up in a small market town",
        kind: 'descriptive',
        text: 'Positions herself before speaking about difference.',
      },
    ],
    statements: [
      {
        quote: 'I knew you\'d still be here.',
        text: 'Surviving the client\'s anger by still being there',
        themes: ['trust-consistency', 'rupture-target'],
      },
      {
        quote: 'I don\'t know your world, show me.',
        text: 'Admitting not knowing the client\'s world strengthens the alliance',
        themes: ['difference-culture'],
      },
    ],
  },
};
