/**
 * What a board check says when it refuses a layout, in English and Chinese (code and values for
 * the web app; the API keeps the English). `at` is where: "Page 1, widget 2 ("sl")" / "第 1 页第 2 个组件（“sl”）".
 */
import { sentences } from '@agner/events/sentences'

export const sayLayout = sentences({
  notJson: { en: 'The board is not valid JSON; export a board to see the expected shape.', 'zh-CN': '看板不是有效的 JSON；可先导出一个看板查看格式。' },
  notObject: { en: 'A board must be a JSON object with "version": 1 and "pages".', 'zh-CN': '看板必须是包含 "version": 1 和 "pages" 的 JSON 对象。' },
  version: { en: '"version" must be 1, got {got}.', 'zh-CN': '"version" 必须为 1，实际为 {got}。' },
  theme: { en: '"theme" must be "dark" or "light".', 'zh-CN': '"theme" 必须为 "dark" 或 "light"。' },
  rotate: { en: '"rotateSeconds" must be 0 (no rotation) or 5–3600 seconds.', 'zh-CN': '"rotateSeconds" 必须为 0（不轮播）或 5–3600 秒。' },
  alerts: { en: '"alerts" must be {"mute": true|false, "minGapSeconds": 0–3600}.', 'zh-CN': '"alerts" 必须为 {"mute": true|false, "minGapSeconds": 0–3600}。' },
  pages: { en: '"pages" must list 1 to 20 pages.', 'zh-CN': '"pages" 须包含 1 到 20 页。' },
  pageId: { en: 'Page {page} needs an "id".', 'zh-CN': '第 {page} 页缺少 "id"。' },
  pageTwice: { en: 'Page id "{id}" is used twice.', 'zh-CN': '页面编号“{id}”重复使用。' },
  pageTitle: { en: 'Page {page}: "title" must be text up to 120 characters.', 'zh-CN': '第 {page} 页：标题最多 120 个字符。' },
  widgets: { en: 'Page {page}: "widgets" must list up to 60 widgets.', 'zh-CN': '第 {page} 页：最多 60 个组件。' },
  widgetTwice: { en: 'Page {page}: widget id "{id}" is used twice.', 'zh-CN': '第 {page} 页：组件编号“{id}”重复使用。' },
  overlap: { en: 'Page {page}: widgets "{a}" and "{b}" overlap; move or resize one.', 'zh-CN': '第 {page} 页：组件“{a}”与“{b}”重叠；请移动或调整其中一个的大小。' },
  widgetObject: { en: 'Page {page}, widget {widget} must be an object.', 'zh-CN': '第 {page} 页第 {widget} 个组件必须是对象。' },
  widgetId: { en: 'Page {page}, widget {widget} needs an "id" of letters, digits, "-" or "_".', 'zh-CN': '第 {page} 页第 {widget} 个组件需要由字母、数字、“-”或“_”组成的 "id"。' },
  type: { en: '{at}: "type" must be one of {types}; got {got}.', 'zh-CN': '{atZh}：类型必须是 {types} 之一，实际为 {got}。' },
  grid: { en: '{at} must sit on the {cols} × {rows} grid: whole x, y ≥ 0 and w, h ≥ 1 with x + w ≤ {cols} and y + h ≤ {rows}.', 'zh-CN': '{atZh}必须位于 {cols} × {rows} 网格内：x、y 为不小于 0 的整数，w、h 不小于 1，且 x + w ≤ {cols}、y + h ≤ {rows}。' },
  title: { en: '{at}: "title" must be text up to 120 characters.', 'zh-CN': '{atZh}：标题最多 120 个字符。' },
  queues: { en: '{at}: "queues" must list queue ids.', 'zh-CN': '{atZh}："queues" 必须列出队列编号。' },
  queueUnknown: { en: '{at} shows queue "{queue}", which is not one of this board\'s queues.', 'zh-CN': '{atZh}显示的队列“{queue}”不属于本看板。' },
  window: { en: '{at}: "window" must be one of {windows}.', 'zh-CN': '{atZh}：时间窗口必须是 {windows} 之一。' },
  needsMetric: { en: '{at}: a {type} widget needs a "metric".', 'zh-CN': '{atZh}：{type} 组件需要指定指标。' },
  metric: { en: '{at}: there is no metric "{metric}"; use one of {metrics}.', 'zh-CN': '{atZh}：没有指标“{metric}”；请使用 {metrics} 之一。' },
  trendMetric: { en: '{at}: a trend shows one of {metrics}.', 'zh-CN': '{atZh}：趋势图只能显示 {metrics} 之一。' },
  gaugeMetric: { en: '{at}: a service-level gauge shows "serviceLevel" only.', 'zh-CN': '{atZh}：服务水平仪表盘只能显示 "serviceLevel"。' },
  thresholds: { en: '{at}: "thresholds" must be {"amber": number, "red": number, "flash": true|false, "sound": true|false}.', 'zh-CN': '{atZh}：阈值必须为 {"amber": 数字, "red": 数字, "flash": true|false, "sound": true|false}。' },
  higherWorse: { en: '{at}: for {metric}, higher is worse, so "red" ({red}) must be at least "amber" ({amber}).', 'zh-CN': '{atZh}：{metric} 越高越差，因此红色阈值（{red}）不能低于黄色阈值（{amber}）。' },
  lowerWorse: { en: '{at}: for {metric}, lower is worse, so "red" ({red}) must be at most "amber" ({amber}).', 'zh-CN': '{atZh}：{metric} 越低越差，因此红色阈值（{red}）不能高于黄色阈值（{amber}）。' },
  banner: { en: '{at}: a banner needs "text" up to 500 characters.', 'zh-CN': '{atZh}：横幅需要不超过 500 个字符的文字。' },
  level: { en: '{at}: "level" must be info, warning or alert.', 'zh-CN': '{atZh}：级别必须是 info、warning 或 alert。' },
})
