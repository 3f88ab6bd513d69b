// The guided tour: a short lesson for a class. Each step loads a preset (by id, from the API's
// presets()), may point the map and story at one scenario, and says what to look at.
// Steps whose preset is missing fall back to the defaults, so the tour never breaks.

import { EXPLORE_STEPS } from '../explore/tour-steps.js';

export const TOUR = [
  {
    preset: 'default',
    focus: 'none',
    title: 'One push, many dominoes',
    text: 'This market starts with a 5\u00a0% drop. Traders who borrowed heavily are forced to sell, and their selling pushes the price down further.',
    look: 'Compare the shock in the headline with how far the price finally fell. The bars under the price are the waves of forced selling.',
  },
  {
    preset: 'calm-market',
    focus: 'none',
    title: 'A calm market',
    text: 'Here traders use modest leverage and the market is deep: it takes a lot of selling to move the price.',
    look: 'The same 5\u00a0% drop stays close to 5\u00a0%. The gauge shows n well below 1: each forced sale sets off much less than itself.',
  },
  {
    preset: 'crowded-leverage',
    focus: 'none',
    title: 'Past the tipping point',
    text: 'The same market, but traders run 20× leverage on average. Their liquidation prices crowd just below today’s price.',
    look: 'The gauge passes 1: the chain no longer dies out by itself, and more than half of the traders are wiped out. Drag Leverage back down slowly: where does the crash switch off?',
  },
  {
    preset: 'thin-book',
    focus: 'none',
    title: 'A thin market',
    text: 'Normal leverage again, but the order book is thin: every forced sale moves the price more.',
    look: 'In the map on the right, see how far down the liquidated (solid) bars reach compared with the calm market.',
  },
  {
    preset: 'circuit-breaker',
    focus: 'circuitBreaker',
    title: 'Pausing the market',
    text: 'A circuit breaker halts trading when the price has fallen 7\u00a0%, 13\u00a0% or 20\u00a0%. While nobody trades, buyers come back and the book refills.',
    look: 'Press Play and watch the shaded halts. Does the breaker line end higher than the no-mitigation line? Try a longer halt.',
  },
  {
    preset: 'margin-tiers',
    focus: 'marginTiers',
    title: 'Making whales hold more margin',
    text: 'Traders use 50× and a few whales hold most of the money. Margin tiers cap the leverage of big positions.',
    look: 'Compare the money liquidated in the Margin tiers card with No mitigation. Which positions did the tiers protect?',
  },
  {
    preset: 'oct-2025',
    focus: 'none',
    title: 'A real day, replayed',
    text: '10 October 2025, calibrated to the record: a news shock hits a market crowded with longs, most at low leverage. Buyers come back 4 % below the start.',
    look: 'Read the story under the chart: who is liquidated on the way down, and who on the way back up? Then compare the model with the record under the charts: where is it close, and where not?',
  },
  ...EXPLORE_STEPS,
];
