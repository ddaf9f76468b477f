// Callbacks given to page.evaluate() run in Chromium. bench/ is type-checked without the DOM library
// (it would clash with Node's web-stream types), so what those callbacks touch is declared here.
declare interface Window {
  __kafkaPlusTail?: { rendered: number }
}
declare const window: Window
declare function requestAnimationFrame(callback: (now: number) => void): number
declare const document: {
  querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null
}
