/** The widget's own words, in Simplified Chinese and English (the customer's language). */
export default {
  'zh-CN': {
    title: '联系我们', intro: '您好！请留下称呼，然后选择在线聊天或直接通话。', name: '您的称呼', phone: '电话（可选，用于回电）', topic: '想咨询什么？（可选）',
    chat: '在线聊天', call: '网络通话', language: 'English',
    connecting: '正在接通…', mic: { denied: '浏览器未允许使用麦克风。请在地址栏允许麦克风后再拨打，或改用在线聊天。', missing: '没有找到麦克风。请接上耳麦后再拨打，或改用在线聊天。', unsupported: '这个浏览器不支持网络通话，请改用在线聊天。', busy: '麦克风正被其他程序占用，请关闭后重试。' },
    ivr: '语音菜单', pressKey: '请按键选择：', waiting: '正在排队', position: '您前面还有 {ahead} 位，预计等待约 {minutes} 分钟。', first: '您是下一位，预计等待约 {minutes} 分钟。',
    onHold: '坐席已将通话保持，请稍候，正在播放等待音乐。', talkingWith: '正在与 {name} 通话', chattingWith: '{name} 正在为您服务', muted: '已静音', mute: '静音', unmute: '取消静音', hangUp: '挂断', endChat: '结束聊天', keypad: '拨号键盘',
    callback: '不想等待？留下电话，我们按顺序回电', callbackNumber: '回电号码', requestCallback: '预约回电', callbackBooked: '已预约回电：轮到您时我们会打给您，您可以关闭此页。',
    agentLost: '坐席的连接中断了，您已回到队列最前面，请稍候。', transferred: '正在为您转接，请稍候。', typing: '对方正在输入…',
    send: '发送', placeholder: '输入消息…', sent: '已发送', delivered: '已送达', read: '已读', you: '我', system: '系统',
    ended: { title: '会话已结束', agent: '坐席已结束本次会话。', customer: '您已结束本次会话。', callback: '我们会按顺序回电给您。', system: '会话已结束。', lost: '与客服中心的连接中断了，本次会话已结束。如需帮助请重新联系。' },
    survey: '请为本次服务打分', comment: '还有什么想告诉我们的？（可选）', submit: '提交评价', thanks: '谢谢您的评价！', again: '重新联系',
    refused: {
      too_many_open: '您已打开太多会话，请先结束其他会话。', too_many_new: '一分钟内发起了太多会话，请稍后再试。', too_fast: '发送太快了，请慢一点。', too_large: '内容太长了，请分开发送。',
      bad_frame: '这条内容无法发送：{detail}', start_failed: '暂时无法接通：{detail}', server_error: '服务器暂时无法处理，请再试一次。', bad_channel: '请选择聊天或通话。',
      callback_refused: '无法预约回电：{detail}', survey_refused: '无法提交评价：{detail}', other: '操作未完成：{detail}',
    },
  },
  en: {
    title: 'Contact us', intro: 'Hello! Tell us your name, then chat with us or call from your browser.', name: 'Your name', phone: 'Phone (optional, for a call back)', topic: 'What is it about? (optional)',
    chat: 'Chat', call: 'Call us', language: '中文',
    connecting: 'Connecting…', mic: { denied: 'The browser did not allow the microphone. Allow it in the address bar and call again, or chat instead.', missing: 'No microphone was found. Plug in a headset and call again, or chat instead.', unsupported: 'This browser cannot make calls; please chat instead.', busy: 'Another program is using the microphone; close it and try again.' },
    ivr: 'Voice menu', pressKey: 'Press a key:', waiting: 'Waiting in line', position: '{ahead} ahead of you; expected wait about {minutes} min.', first: 'You are next; expected wait about {minutes} min.',
    onHold: 'The agent put you on hold; music plays while you wait.', talkingWith: 'Talking with {name}', chattingWith: '{name} is helping you', muted: 'Muted', mute: 'Mute', unmute: 'Unmute', hangUp: 'Hang up', endChat: 'End chat', keypad: 'Keypad',
    callback: 'Rather not wait? Leave your number and we call you back in turn', callbackNumber: 'Number to call back', requestCallback: 'Call me back', callbackBooked: 'Call back booked: we call you when it is your turn; you can close this page.',
    agentLost: 'The agent\u2019s connection dropped; you are back at the front of the line. Please hold.', transferred: 'Transferring you; please hold.', typing: 'Typing…',
    send: 'Send', placeholder: 'Type a message…', sent: 'Sent', delivered: 'Delivered', read: 'Read', you: 'You', system: 'System',
    ended: { title: 'Conversation ended', agent: 'The agent ended the conversation.', customer: 'You ended the conversation.', callback: 'We will call you back in turn.', system: 'The conversation has ended.', lost: 'The connection to the center was lost, so this conversation has ended. Contact us again if you still need help.' },
    survey: 'How did we do?', comment: 'Anything else you want to tell us? (optional)', submit: 'Send rating', thanks: 'Thank you for your rating!', again: 'Contact us again',
    refused: {
      too_many_open: 'You have too many conversations open; end one first.', too_many_new: 'Too many conversations started in a minute; try again shortly.', too_fast: 'That was too fast; slow down a little.', too_large: 'That is too long; send it in parts.',
      bad_frame: 'That could not be sent: {detail}', start_failed: 'We could not connect you now: {detail}', server_error: 'The server could not do that; try again.', bad_channel: 'Pick chat or call.',
      callback_refused: 'The call back could not be booked: {detail}', survey_refused: 'The rating could not be sent: {detail}', other: 'That did not work: {detail}',
    },
  },
}
