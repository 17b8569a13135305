/** What editing the center's configuration can refuse, in both languages (the checks themselves say theirs: telephony's config-sentences.ts). */
import { sentences } from '@agner/events/sentences'

export const sayCenter = sentences({
  stale: { en: 'The configuration was changed by {name} (version {version}) while you edited it; reload it and make your change again.', 'zh-CN': '在您编辑期间，{name} 修改了配置（版本 {version}）；请重新加载后再修改一次。' },
  notJson: { en: 'The file is not a JSON configuration ({reason}); export one from Agner or follow the AGNER_ACD_CONFIG format in the README.', 'zh-CN': '该文件不是 JSON 格式的配置（{reason}）；请从 Agner 导出，或按 README 中 AGNER_ACD_CONFIG 的格式编写。' },
  noVersion: { en: 'There is no version {version} of the configuration.', 'zh-CN': '配置没有版本 {version}。' },
  skillsNotAllowed: { en: 'Supervisors may not change skills here; an admin can allow it under Center → Settings.', 'zh-CN': '主管不能在此修改技能；管理员可以在"中心配置 → 设置"中开启。' },
  notYourAgent: { en: 'There is no agent "{agent}" in your teams.', 'zh-CN': '您的团队中没有坐席"{agent}"。' },
  storeDown: { en: 'The change could not be saved because the store is unavailable ({reason}); nothing was changed, try again shortly.', 'zh-CN': '存储不可用，修改未能保存（{reason}）；没有任何改变，请稍后再试。' },
  promptFormat: { en: 'The prompt must be an Ogg Opus file ({reason}); convert it with: ffmpeg -i prompt.wav -c:a libopus -ac 1 -ar 48000 prompt.ogg', 'zh-CN': '提示音必须是 Ogg Opus 文件（{reason}）；可用以下命令转换：ffmpeg -i prompt.wav -c:a libopus -ac 1 -ar 48000 prompt.ogg' },
  promptName: { en: 'A prompt name may use letters, digits, _ and - only (1–64 characters).', 'zh-CN': '提示音名称只能包含字母、数字、_ 和 -（1–64 个字符）。' },
})
