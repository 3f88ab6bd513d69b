// The story of a run in plain Simplified Chinese: the counterparts of lab/words.js's card extras,
// narrated events, the run's last line and the criticality gauge's meaning, by the same rules.
// Pure functions of the API's output; no DOM access.

import { NBSP } from '../lab/format.js';
import { eventMove, offBook, secondVenueFacts, signedMove, speedWindow } from '../lab/words.js';
import { count, duration, num, pct, share, times, usd } from './format-zh.js';
import { at } from './results-zh.js';

function halts(n) {
  return n === 1 ? '一次' : `${n}次`;
}

function positions(n) {
  return `${count(n)}个仓位`;
}

/**
 * Short extra facts for a scenario card: halts, bad debt, auto-deleveraging. `twoVenues`: the
 * run has a second venue, which the arbitrageurs trade too.
 */
export function extras(summary, tickSeconds, twoVenues = false) {
  const lines = [];
  if (summary.halts > 0) {
    lines.push(`暂停交易${halts(summary.halts)}（共${duration(summary.haltedTicks * tickSeconds)}）`);
  }
  if (summary.waitingAtEnd > 0) {
    lines.push(
      summary.endedHalted
        ? `模拟结束时仍在暂停交易，还有${usd(summary.waitingAtEnd)}的强平在等待（不计入被强平金额）`
        : `模拟结束时仍有${usd(summary.waitingAtEnd)}的强平在等待（不计入被强平金额）`,
    );
  }
  if (summary.fundTakeoverNotional > 0) {
    lines.push(`保险基金接手了订单簿吸收不了的${usd(summary.fundTakeoverNotional)}，之后慢慢卖出`);
  }
  if (summary.fundHeldAtEnd > 0) {
    lines.push(`模拟结束时保险基金仍持有${usd(summary.fundHeldAtEnd)}，尚未卖出：运行更久才能看出它会把价格带到哪里`);
  }
  if (summary.shortsOpenedNotional > 0) {
    lines.push(`交易者趁下跌卖出了${usd(summary.shortsOpenedNotional)}的新开空单`);
  }
  if (summary.dipBuyersSpent > 0) {
    const back = summary.finalPrice - summary.minPrice;
    const rebound = back > 0 ? `，价格从低点回升了${pct((back / summary.startPrice) * 100)}` : '';
    lines.push(`抄底买家投入了${usd(summary.dipBuyersSpent)}${rebound}`);
  }
  if (summary.liquidatedShortNotional > 0) {
    lines.push(
      `被强平的仓位中有${usd(summary.liquidatedShortNotional)}（${share(summary.liquidatedShortNotional / summary.liquidatedNotional)}）是空单，在价格上涨时被强平`,
    );
  }
  if (Math.abs(summary.widestBasisPct) >= 0.5) {
    const side = summary.widestBasisPct < 0 ? '低' : '高';
    lines.push(`期货价格最多比现货${side}${pct(Math.abs(summary.widestBasisPct))}`);
  }
  if (summary.arbitrageNotional > 0) {
    const where = twoVenues ? '在本交易所与现货、第二家交易所之间' : '在期货和现货之间';
    lines.push(`套利者${where}交易了${usd(summary.arbitrageNotional)}`);
  }
  if (summary.badDebt > 0) lines.push(`产生${usd(summary.badDebt)}坏账`);
  if (summary.adlNotional > 0) {
    lines.push(
      `${usd(summary.adlNotional)}的盈利仓位通过自动减仓在订单簿之外平掉（涉及${count(summary.adlPositions)}名交易者），减缓了下跌`,
    );
  }
  if (summary.insuranceFundStart > 0 && summary.insuranceFundEnd <= 0) lines.push('保险基金耗尽');
  return lines;
}

/**
 * The second venue of a two-venue run, in a line for its scenario's card: how far it fell, what
 * it liquidated, and what the arbitrageurs carried over to it from the first.
 */
export function secondVenueLine(outcome, tickSeconds = 1) {
  const { summary: b, sold, first } = secondVenueFacts(outcome);
  const halted = b.halts > 0 ? `，暂停交易${halts(b.halts)}` : '';
  const adl = b.adlNotional > 0 ? `；${usd(b.adlNotional)}的盈利仓位被自动减仓` : '';
  let how = sold > 0 ? `；套利把第一家交易所${usd(sold)}的卖压带了过来` : '';
  if (first) {
    const cause = {
      carried: `（此前其中已有${usd(first.before)}传导过来）`,
      halt: '（由第一家交易所暂停交易期间转来的卖家引发）',
      news: '（由冲击的消息引发）',
    }[first.cause] ?? '';
    how += `；它的强平从${at(first.tick, tickSeconds)}开始${cause}`;
  }
  return (
    `第二家交易所：${pct(signedMove(b), { sign: true })}，${usd(b.liquidatedNotional)}被强平` +
    `（占其持仓量的${share(b.liquidatedNotional / b.openInterest)}）${adl}${halted}${how}`
  );
}

/**
 * One event as a sentence, e.g. "冲击后12秒：340个仓位被强平（$4800万），价格−3.2%——这又会
 * 波及接下来的512个仓位。" `breaker` is the params' circuitBreaker (null: the default, which
 * measures the fall from the start), so a halt on speed is told as one.
 */
export function narrate(event, startPrice, tickSeconds, breaker = null) {
  const when = at(event.tick, tickSeconds);
  const price = pct(...eventMove(event, startPrice));
  switch (event.kind) {
    case 'shock':
      if (event.count === 1) {
        return `${when}：一次性向订单簿${event.levelPct < 0 ? '卖出' : '买入'}${usd(event.notional)}，足以让平静的订单簿变动${pct(event.levelPct, { sign: true })}。`;
      }
      return event.count > 1
        ? `${when}：${event.levelPct < 0 ? '卖出' : '买入'}计划开始：共${usd(event.notional)}，足以让平静的订单簿一次性变动${pct(event.levelPct, { sign: true })}，分${count(event.count)}批成交，每个时间步一批。`
        : `${when}：冲击来袭，价格变动${pct(event.levelPct, { sign: true })}。`;
    case 'wave': {
      const next = event.nextCount > 0 ? `这又会波及接下来的${positions(event.nextCount)}` : '这一波没有再波及新的仓位';
      return `${when}：${positions(event.count)}被强平（${usd(event.notional)}），价格${price}——${next}。`;
    }
    case 'queued':
      return `${when}：暂停交易期间，${positions(event.count)}（${usd(event.notional)}）按参考价格${price}计算跌破了维持保证金。现在还没有卖出任何东西：它们的强平在队列中等待恢复交易。`;
    case 'halt': {
      const window = speedWindow(breaker, tickSeconds);
      const fall = window === null
        ? `价格已下跌${pct(event.levelPct)}`
        : `价格在${duration(window)}内下跌了${pct(event.levelPct)}，跌到${price}`;
      return `${when}：${fall}，因此熔断机制暂停交易。无人交易期间，订单簿重新补满。`;
    }
    case 'resume': {
      const spared = event.count > 0 ? `补满的订单簿让${positions(event.count)}回到维持保证金之上，免于被强平。` : '';
      const rest = event.notional > 0 ? `等待中的${usd(event.notional)}强平现在进入市场。` : '没有强平还在等待。';
      return `${when}：恢复交易，价格${price}。${spared}${rest}`;
    }
    case 'fundExhausted':
      return `${when}：保险基金已无力承担它所持有的仓位；订单簿吸收不了的部分，现在要么通过自动减仓由盈利的交易者承担，要么成为坏账。`;
    case 'adl':
      return `${when}：自动减仓平掉了盈利一方的${positions(event.count)}（${usd(event.notional)}）。`;
    case 'calm':
      return `${when}：连环清算停止，价格${price}：再没有仓位低于其强平价格。`;
    default:
      return `${when}：发生了其他事件。`;
  }
}

/**
 * The story's last line when the run ends before the cascade does: liquidations still waiting
 * (a halt that outlasts the run) or positions the insurance fund has not sold yet. Null otherwise.
 */
export function ending(summary, ticks, tickSeconds) {
  const when = at(ticks - 1, tickSeconds);
  const parts = [];
  if (summary.waitingAtEnd > 0) {
    parts.push(`还有${usd(summary.waitingAtEnd)}的强平${summary.endedHalted ? '在等待市场重新开放' : '在队列中等待'}`);
  }
  if (summary.fundHeldAtEnd > 0) parts.push(`保险基金仍持有${usd(summary.fundHeldAtEnd)}尚未卖出`);
  if (!parts.length) return null;
  return `${when}：模拟结束了，但连环清算还没有结束：${parts.join('；另外，')}。这些都不计入被强平金额；运行更久才能看出它们会把价格带到哪里。`;
}

/** The meaning of a branching ratio n, in one sentence. */
export function branchingMeaning(n) {
  if (!Number.isFinite(n)) return '';
  const cents = Math.round(n * 100);
  if (n >= 1) {
    return `失控：每被强平1美元，就会再带倒${usd(n)}，所以连环清算一旦开始就会自我强化，直到没有骨牌可倒。`;
  }
  if (n >= 0.5) {
    const gain = 1 / (1 - n);
    return `脆弱：每被强平1美元，就会再带倒${cents}美分，所以第一波强平在连锁反应停止前会被放大约${times(gain)}。`;
  }
  return `稳定：每被强平1美元，就会再带倒${cents}美分，所以连锁反应很快就会停止。`;
}

/** Text for the gauge: start n, peak n and where the peak band is. */
export function gaugeText(summary) {
  const n = summary.branchingRatio;
  const peak = summary.peakBranchingRatio;
  const where = pct(summary.peakBranchingAtPct, { sign: true });
  let peakSentence =
    peak >= 1
      ? `强平价格最密集的一段位于距起点${where}处，其n${NBSP}=${NBSP}${num(peak, 2)}：如果价格到达那里，连环清算就会失控。`
      : `即使是最密集的一段（位于${where}处），n${NBSP}=${NBSP}${num(peak, 2)}，也低于1：没有哪一段能单独失控。`;
  // The branching ratio counts selling into the book. When the venue took part of the selling
  // off the book, that, not the book, is part of why the chain stopped: say so, as the card does.
  const who = { fund: '保险基金接手了', backstop: '兜底金库接手了', adl: '自动减仓平掉了盈利仓位' };
  const taken = offBook(summary);
  if (taken.length) {
    const what = taken.map(([by, amount]) => `${who[by]}${usd(amount)}`).join('，');
    peakSentence += `并非所有被迫卖出都进入了订单簿：${what}。这也是下跌停在那里的部分原因。`;
  }
  // n at the start can be low while denser bands further down grow the shock: then the gauge
  // must not say "很快就会停止" beside a card that shows the move doubled.
  const cents = Math.round(n * 100);
  const grew = summary.amplification >= 1.5 && n < 0.5 && Number.isFinite(n);
  const now = grew
    ? `起点处是稳定的：每被强平1美元，就会再带倒${cents}美分。但越往下，强平价格挤得越密，所以这条连锁反应在停止前把冲击放大了${times(summary.amplification)}。`
    : branchingMeaning(n);
  return { now, peak: peakSentence };
}
