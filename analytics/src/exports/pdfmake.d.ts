// pdfmake 0.3 ships no types; the part Agner uses, typed loosely: document definitions are plain objects.
declare module 'pdfmake' {
  interface OutputDocument {
    getStream(): Promise<NodeJS.ReadableStream & { end(): void }>
    getBuffer(): Promise<Buffer>
    write(path: string): Promise<void>
  }
  interface PdfMake {
    setFonts(fonts: Record<string, Record<string, string>>): void
    setUrlAccessPolicy(policy: (url: string) => boolean): void
    setLocalAccessPolicy(policy: (path: string) => boolean): void
    createPdf(doc: Record<string, unknown>, options?: Record<string, unknown>): OutputDocument
  }
  const pdfmake: PdfMake
  export default pdfmake
}
