/** The customers' widget: its own small page (/widget), framed by a center's site through /widget.js. */
import { createApp } from 'vue'
import { createI18n } from 'vue-i18n'
import WidgetApp from './WidgetApp.vue'
import messages from './messages'

const asked = new URLSearchParams(location.search).get('lang') ?? navigator.language
const locale = asked.startsWith('zh') ? 'zh-CN' : 'en'
document.documentElement.lang = locale
const i18n = createI18n({ legacy: false, locale, fallbackLocale: 'en', messages })
createApp(WidgetApp).use(i18n).mount('#widget')
