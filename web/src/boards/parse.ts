/** A board's stored layout, checked; an old or broken one falls back to the default so a TV never shows nothing. */
import { checkLayout, defaultLayout, type BoardInfo, type BoardLayout } from '@agner/boards'

export function layoutOf(board: Pick<BoardInfo, 'layout' | 'queueIds'>): BoardLayout {
  try { return checkLayout(board.layout, (q) => board.queueIds.includes(q)) } catch { return defaultLayout() }
}
