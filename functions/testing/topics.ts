// The topics one test file creates: unique names, ready to produce to, all deleted by close()
// (each integration test cleans up after itself).
import { Admin, waitForLeaders } from './kafka.ts'
import { uniqueName } from './stack.ts'

export class TestTopics {
  /** The fixture's own admin client, also for whatever else the test sets up or inspects. */
  readonly admin: Admin
  readonly #brokers: string[]
  readonly #created: string[] = []

  constructor(brokers: string[], clientId: string) {
    this.#brokers = brokers
    this.admin = new Admin({ clientId, bootstrapBrokers: brokers })
  }

  /** A new topic named after `prefix`, once every partition has a leader. */
  async create(prefix: string, partitions: number): Promise<string> {
    const name = uniqueName(prefix)
    await this.admin.createTopics({ topics: [name], partitions, replicas: 1 })
    this.#created.push(name)
    await waitForLeaders(this.#brokers, name)
    return name
  }

  /** Deletes the topics created (what is already gone is no failure) and closes the admin client. */
  async close(): Promise<void> {
    await this.admin.deleteTopics({ topics: this.#created }).catch(() => {})
    await this.admin.close()
  }
}
