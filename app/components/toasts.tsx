// Flash messages after an action. Without JS they stay until the next navigation; with JS they can be closed.

import { useEffect, useState } from 'react'
import type { Translate } from '~/i18n'
import type { TextParams } from '~/i18n/text'

type Flash = {
  kind: 'success' | 'error' | 'info'
  message: string
  vars?: TextParams
  text?: string
} | null

export function Toasts({ flash, t }: { flash: Flash; t: Translate }) {
  const [visible, setVisible] = useState<Flash>(flash)
  useEffect(() => setVisible(flash), [flash])
  if (!visible) return null
  return (
    <div className="toasts" aria-live="polite">
      <div className={`toast ${visible.kind}`} role={visible.kind === 'error' ? 'alert' : 'status'}>
        <span>{visible.text ? t(visible.text) : t(visible.message, visible.vars)}</span>
        <button type="button" className="link" aria-label={t('toast.close')} onClick={() => setVisible(null)}>
          ×
        </button>
      </div>
    </div>
  )
}
