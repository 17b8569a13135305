import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { applyTheme, savedTheme } from './theme'
import './styles.css'

applyTheme(savedTheme())
document.documentElement.lang = i18n.global.locale.value
createApp(App).use(createPinia()).use(i18n).use(router).mount('#app')
