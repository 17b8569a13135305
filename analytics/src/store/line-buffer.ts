/**
 * Lines appended straight into one growing Buffer. Each line is a short-lived string that dies in
 * the young generation; concatenating a whole batch into one string instead keeps every piece of
 * it alive until the end, which promotes megabytes of string fragments per batch to the old space.
 */
export class LineBuffer {
  private buf: Buffer
  private length = 0

  constructor(initialBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initialBytes)
  }

  /** Appends `line` (without its newline) and a newline. */
  push(line: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit, plus the newline.
    const worst = line.length * 3 + 1
    if (this.length + worst > this.buf.length) this.grow(this.length + worst)
    this.length += this.buf.write(line, this.length, 'utf8')
    this.buf[this.length++] = 0x0a
  }

  /** The bytes written so far (a view, not a copy). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.length)
  }

  private grow(atLeast: number): void {
    const next = Buffer.allocUnsafe(Math.max(atLeast, this.buf.length * 2))
    this.buf.copy(next, 0, 0, this.length)
    this.buf = next
  }
}
