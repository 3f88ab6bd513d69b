// The model's refusals in Simplified Chinese. The model (src/model: spec.rs's `must`, margin.rs,
// params.rs) writes each as "<field>: <rule>, got <value>" from a few English templates; this
// says the rule of each template in Chinese and keeps the field's path and the numbers. A
// message no template matches (a new rule, or an error from the browser) stays as it came:
// tests/e2e/lang.test.mjs holds every template here to the model's own messages.

const N = '(-?[0-9][0-9.e+-]*|-?Infinity|NaN)';

/** [the English rule as a pattern, its Chinese from the numbers in it], first match wins. */
const RULES = [
  [`must be a whole number between ${N} and ${N}, got (.+)`, (a, b, x) => `必须是 ${a} 到 ${b} 之间的整数，实际为 ${x}`],
  [`must be between ${N} and ${N}, got (.+)`, (a, b, x) => `必须在 ${a} 到 ${b} 之间，实际为 ${x}`],
  [`must be above ${N} and at most ${N}, got (.+)`, (a, b, x) => `必须大于 ${a} 且不超过 ${b}，实际为 ${x}`],
  [`must list between ${N} and ${N} items, got (.+)`, (a, b, x) => `必须列出 ${a} 到 ${b} 项，实际为 ${x} 项`],
  [`is not allowed, got (.+)`, (x) => `不允许，实际为 ${x}`],
  [`must be above the level before it \\(${N}\\), got (.+)`, (a, x) => `必须高于前一档（${a}），实际为 ${x}`],
  [
    `must be below the initial margin 100 ÷ maxLeverage = ${N}, got (.+)`,
    (a, x) => `必须低于初始保证金 100 ÷ maxLeverage = ${a}，实际为 ${x}`,
  ],
  [
    `must be above the previous tier's \\(${N}\\): tiers must be increasing, got (.+)`,
    (a, x) => `必须高于前一档（${a}）：各档必须递增，实际为 ${x}`,
  ],
  [`must not exceed the previous tier's \\(${N}\\), got (.+)`, (a, x) => `不得超过前一档（${a}），实际为 ${x}`],
  [`must not be below the previous tier's \\(${N}\\), got (.+)`, (a, x) => `不得低于前一档（${a}），实际为 ${x}`],
].map(([rule, say]) => [new RegExp(`^(\\S+): ${rule}$`), say]);

/** `message` ("leverage: must be between 1 and 125, got 500") in Chinese, if its rule is known. */
export function modelError(message) {
  for (const [pattern, say] of RULES) {
    const m = pattern.exec(message);
    if (m) return `${m[1]}：${say(...m.slice(2))}`;
  }
  return message;
}
