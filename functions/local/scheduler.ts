// Local mode's stand-in for the cloud schedules: jobs on timers in the server process, never overlapping.
export interface Job {
  name: string
  intervalMs: number
  /** Delay before the first run, so start-up is not slowed down. */
  firstRunMs?: number
  run(): Promise<unknown>
}

export function startScheduler(jobs: Job[], log: (message: string) => void = console.log) {
  const timers: NodeJS.Timeout[] = []
  for (const job of jobs) {
    let running = false
    const tick = () => {
      if (running) return
      running = true
      job.run()
        .catch((error: unknown) => log(`[scheduler] ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => { running = false })
    }
    timers.push(setTimeout(tick, job.firstRunMs ?? 1_000).unref())
    timers.push(setInterval(tick, job.intervalMs).unref())
  }
  return { stop: () => timers.forEach((t) => clearTimeout(t)) }
}
