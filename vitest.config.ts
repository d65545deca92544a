import path from 'node:path'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

const alias = { '~': path.resolve('app'), 'virtual:remix-build': path.resolve('build/server/index.js') }

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['app/**/*.test.ts', 'tools/**/*.test.ts', 'tests/unit/**/*.test.ts', 'db/**/*.test.ts'],
          setupFiles: ['./tests/setup/console-strict.ts'],
        },
      },
      {
        resolve: { alias },
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            main: './workers/app.ts',
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(path.resolve('db/migrations')),
                APP_ENV: 'test',
                WAHA_SIM_URL: inject('wahaSimUrl'),
                WAHA_TIMEOUT_MS: '1500',
                WEBHOOK_TIMEOUT_MS: '1500',
                WEBHOOK_RECEIVER_URL: inject('webhookReceiverUrl'),
                // Fake, test-only secrets (base64 of "fake-test-key-fake-test-key-1234").
                SECRETS_KEY: 'ZmFrZS10ZXN0LWtleS1mYWtlLXRlc3Qta2V5LTEyMzQ=',
                PASSWORD_PEPPER: 'fake-test-pepper-not-secret',
                MEDIA_SIGNING_SECRET: 'fake-test-media-signing',
                OPS_TOKEN: 'fake-test-ops-token-not-a-secret-0123',
                // A move copies at once in tests; team-move.test.ts sets its own settle time to test the wait.
                MOVE_SETTLE_MS: '0',
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          testTimeout: 60_000,
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['./tests/setup/waha-simulator-global.ts', './tests/setup/webhook-receiver-global.ts'],
          setupFiles: ['./tests/setup/apply-migrations.ts', './tests/setup/console-strict.ts'],
        },
      },
    ],
  },
})
