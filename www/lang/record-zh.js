// The record's table and marks in Simplified Chinese: lab/record.js's RECORD_WORDS, by the
// same rules.

import { withinTolerance } from '../lab/record.js';
import { num } from './format-zh.js';

const percent = (x) => `${num(x, 1)}%`;
const minutes = (x) => `${num(x, Number.isInteger(x) ? 0 : 1)}分钟`;
const value = (key, x) => (key === 'minutesToLow' ? minutes(x) : percent(x));

function range(f) {
  if (f.low === f.high) return value(f.key, f.low);
  return `${num(f.low, 1)}–${value(f.key, f.high)}`;
}

function toleranceWords(t) {
  if ('relative' in t) return `±${num(t.relative * 100, 0)}%`;
  if ('factor' in t) return `${num(t.factor, 1)}倍`;
  return `${num(t.points, 0)}个百分点`;
}

function verdict({ model, f, off, far }) {
  if (model === null) return '本次运行中没有对应的数值';
  if (off === 0) return '在历史记录范围内';
  const size = num(Math.abs(off), Math.abs(off) < 10 ? 1 : 0);
  const time = f.key === 'minutesToLow';
  let words;
  if (time) words = `${off > 0 ? '慢' : '快'}${size}分钟`;
  else if (f.key === 'belowSpotPct') words = `${off > 0 ? '离现货更远' : '离现货更近'}${size}个百分点`;
  else words = `${off > 0 ? '高' : '低'}${size}个百分点`;
  if (far) {
    const times = num(far, far < 10 ? 1 : 0);
    if (time) words += off > 0 ? `（耗时是${times}倍）` : `（速度是${times}倍）`;
    else words += off > 0 ? `（是${times}倍）` : `（只有${times}分之一）`;
  }
  if (!f.tolerance) return `${words}；未用于校准`;
  return `${words}；${withinTolerance(model, f) ? '在' : '超出'}容差（${toleranceWords(f.tolerance)}）${withinTolerance(model, f) ? '之内' : ''}`;
}

export const RECORD_WORDS = {
  value,
  range,
  published: (range, asPublished) => `${range}（${asPublished}）`,
  verdict,
  none: '无',
  contextOnly: '仅供参考',
  marksCaption: (hasLow, hasPath) =>
    `${hasLow ? '灰色带和虚线：历史记录中的最低价格（各方报道不一时为一个区间）。' : ''}${hasPath ? '圆圈：当时公布的价格。' : ''}`,
  marksLabel: (fall, path) =>
    `${fall ? `灰色带：历史记录中的最低价格，跌幅${fall}。` : ''}${path.length ? `圆圈：公布的价格，${path.join('；')}。` : ''}`,
  lowestOnRecord: '历史最低',
};
