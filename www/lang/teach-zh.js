// The assignment builder's Simplified Chinese words: the same exports as teach-en.js. The lab's
// and the widget's words it shows (control labels, values, presets, reasons) are those of
// their own catalogues, so each is written once.

import { TEACH_HTML_ZH } from './teach-html-zh.js';
import { HTML_ZH } from './lab-html-zh.js';
import { PRESETS_ZH } from './presets-zh.js';
import { UI } from './widget-zh.js';

export { CONTROL_LABELS } from './widget-zh.js';
export { LAB_FORMATS } from './lab-formats-zh.js';
export { REASONS } from './lab-zh.js';
export { modelError } from './model-errors-zh.js';

export const LANG = 'zh-CN';
export const HTML = TEACH_HTML_ZH;
/** The lab page's map: the labels, groups and menus of the lab's controls, read from index.html. */
export const LAB_HTML = HTML_ZH;

export function presetWords(preset) {
  return PRESETS_ZH[preset.id] || { title: preset.title, summary: '' };
}

export const FRAME_TITLE = { lab: HTML_ZH['Leverage cascade lab'], widget: UI.widget };

export const RULES = { show: '显示', lock: '锁定', hide: '隐藏' };

/** Keys of a notice that are words rather than a link's own keys. */
const KEY_WORDS = { 'all settings': '全部设置' };

export const SAY = {
  version: (v) => `模型版本 ${v.model}（leverage-cascade ${v.crate}）。`,
  indexStatus: (status) => `index.html 返回了 ${status}`,
  noControls: 'index.html 中没有列出任何控件',
  fatal: (m) => `作业生成器无法启动：${m}。请刷新页面；如果这个页面由你自己托管，请检查 index.html 和 pkg/ 文件夹是否一起复制了过去。`,

  tour: '导览步骤不属于作业；要打开某一步导览，请在实验室的链接中使用 ?tour=',
  oneOf: (values) => `必须是以下之一：${values.join('、')}`,
  noLabControl: '实验室中没有对应的控件',
  target: '必须是 lab 或 widget',
  notWidgetControl: (names) => `不是小部件的控件（小部件的控件有：${names.join('、')}）`,
  nothingToLock: '不在显示的控件之中，所以无从锁定',
  heightSetHere: '高度由作业生成器自行设定',
  notPreset: '不是本页面的预设',
  notJson: '不是有效的 JSON',
  notObject: '必须是一个 JSON 对象，例如 {"leverage": 25}',
  notSetting: '不是本页面认识的设置',
  notAttribute: '不是小部件的属性',

  noticeLead: '链接或代码片段要求的部分内容无法使用，因此被略去（相应的设置保持默认值）：',
  ignored: (key, value, reason) => `${value ? `${key} = “${value}”` : KEY_WORDS[key] ?? key}：${reason}`,
  dismiss: '关闭',

  pasteFirst: '请先粘贴一个链接或代码片段。',
  noElement: '这段代码片段中既没有 <leverage-cascade> 元素，也没有 <iframe> 元素。',
  notLink: '这既不是链接，也不是代码片段。',
  otherPage: '这个链接指向的不是实验室、小部件或本作业生成器。',
  readWithNotice: '已读取；页面顶部的通知列出了无法使用的内容。',
  read: '已读取：作业生成器现在显示的就是那份作业。',

  openedWith: '打开本页面时带的设置',
  ownSettings: '来自实验室或你粘贴的作业的设置。',
  switchAtFirst: (on) => (on ? '起初打开' : '起初关闭'),
  checkbox: (checked) => (checked ? '是' : '否'),
  customTable: '自定义档位表',
  now: (value) => `（当前：${value}）`,

  linkHint: (widget) =>
    widget
      ? '一个只有小部件的页面，供学生打开，也可用于只接受链接的平台。'
      : '把它发给学生：它会用你的设置打开实验室。学生分享自己的答案时，会发回一个类似的链接，你就能看到他们看到的内容。',
  frameHint: (widget) =>
    widget
      ? '用于允许内嵌框架但不允许脚本的学习平台或页面。加上第二行（可选），框架会随小部件的高度调整；不加，框架保持给定的高度。'
      : '实验室是一个完整的页面：请给框架留出足够的空间，或者改为发放链接。',
  previewTitle: '链接的预览',
  copied: '已复制。',
  notCopied: '你的浏览器不允许复制：文本已选中，请按 Ctrl+C（Mac 上按 ⌘C）。',
};
