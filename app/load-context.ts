import type { AppContext } from '~/core/context.server'

declare module '@remix-run/cloudflare' {
  interface AppLoadContext {
    cloudflare: {
      env: Env
      ctx: Omit<ExecutionContext, 'props'>
    }
    app: AppContext
  }
}
