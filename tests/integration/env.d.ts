declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
    /** The WAHA simulator started by tests/setup/waha-simulator-global.ts. */
    WAHA_SIM_URL: string
    /** The webhook receiver started by tests/setup/webhook-receiver-global.ts. */
    WEBHOOK_RECEIVER_URL: string
  }
}
