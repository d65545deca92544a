// English for the pt-BR sentences of a session's own state (session-truth.ts), written out.
/** Session messages: pt-BR text -> English. */
export const INTEGRATIONS_EN: [string, string][] = [
  // sessions/session-truth.ts FAILED_MESSAGE, NOT_FOUND_MESSAGE
  [
    'O servidor WAHA não tem mais esta sessão (ele pode ter sido reiniciado sem guardar as sessões, ou a sessão foi apagada lá). Use "Recriar no WAHA" para cadastrá-la de novo com o mesmo nome e escanear o QR code.',
    'The WAHA server no longer has this session (it may have restarted without keeping its sessions, or the session was deleted there). Use "Recreate on WAHA" to register it again with the same name and scan the QR code.',
  ],
  [
    'A sessão falhou no WAHA (o WhatsApp pode ter desconectado o aparelho). Reinicie a sessão; se continuar falhando, desconecte e escaneie o QR code de novo.',
    'The session failed on WAHA (WhatsApp may have disconnected the phone). Restart the session; if it keeps failing, disconnect and scan the QR code again.',
  ],
]
