// Tour steps that use the explorations, in the shape of www/lab/tour.js's TOUR entries, plus
// `explore`: which view the step sets up and runs when it is shown (panel.js watches the tour).
//
//   explore: {view: 'map', x, y, metric}   the tipping-point map over axes x and y (fields.js keys)
//   explore: {view: 'tails'}               the crash-size distribution

export const EXPLORE_STEPS = [
  {
    preset: 'default',
    focus: 'none',
    title: 'A map of tipping points',
    text: 'Below the lab, each map runs this market 1,600 times: leverage grows to the right, the market gets deeper upwards. Each square is coloured by how many times the shock the price finally fell.',
    look: 'In the tipping-point map below, find the n = 1 line: on one side the shock is absorbed, on the other it multiplies. Compare the map with breaker + tiers, then click a square to load that market.',
    explore: { view: 'map', x: 'leverage', y: 'depthPerPct', metric: 'amplification' },
  },
  {
    preset: 'default',
    focus: 'none',
    title: 'Small shocks, fat tails',
    text: 'Now the same market is hit hundreds of times by random shocks of about 2 %, mostly small. The grey line shows how often the shocks alone pass each size; the coloured lines show the moves that followed.',
    look: 'In the crash-size chart below, at 2× leverage the moves are the shocks. At this market’s leverage the line lies far to the right: big falls come far more often. Under the chart, compare how often the moves and the shocks alone went past three typical shocks.',
    explore: { view: 'tails' },
  },
];
