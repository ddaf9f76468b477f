// A minimal EventSource for tests: real HTTP, events parsed as a browser would.
export interface ReceivedEvent { event: string; id?: string; data: string }

export function openEventStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController()
  const events: ReceivedEvent[] = []
  let status = 0
  const waiters: (() => void)[] = []
  const done = (async () => {
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal })
    status = response.status
    if (!response.body) return
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true })
        let split: number
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split)
          buffer = buffer.slice(split + 2)
          const event: ReceivedEvent = { event: 'message', data: '' }
          const data: string[] = []
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue
            const [field, ...rest] = line.split(':')
            const value = rest.join(':').replace(/^ /, '')
            if (field === 'event') event.event = value
            else if (field === 'id') event.id = value
            else if (field === 'data') data.push(value)
          }
          if (data.length === 0 && !event.id) continue
          event.data = data.join('\n')
          events.push(event)
          waiters.splice(0).forEach((w) => w())
        }
      }
    } catch (error: unknown) {
      if (!controller.signal.aborted) throw error
    }
  })()
  return {
    events,
    get status() { return status },
    done,
    /** Waits until `predicate` holds on the events received so far. */
    async until(predicate: (events: ReceivedEvent[]) => boolean, timeoutMs = 20_000): Promise<ReceivedEvent[]> {
      const deadline = Date.now() + timeoutMs
      while (!predicate(events)) {
        if (Date.now() > deadline) throw new Error(`SSE condition not met in ${timeoutMs} ms; got ${events.map((e) => e.event).join(',')}`)
        await Promise.race([new Promise<void>((r) => waiters.push(r)), new Promise((r) => setTimeout(r, 200)), done])
      }
      return events
    },
    close() { controller.abort() },
  }
}

export const messages = <T>(events: ReceivedEvent[]) => events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data) as T)
