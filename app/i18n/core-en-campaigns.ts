// English for the pt-BR messages of campaigns: pacing and status checks, the send engine's failure
// reasons (stored in campaign_messages.error and on sessions), passwords. Server-only modules cannot be
// imported here (this file ships to the browser), so their texts are written out; i18n-core.test.ts
// checks them against the modules. Messages with numbers or names in them are in core-en-patterns.ts.

/** Campaign, sending and account messages: pt-BR text -> English. */
export const CAMPAIGNS_EN: [string, string][] = [
  // crypto/password.ts passwordProblems (the length ones are patterns)
  [
    'A senha não pode repetir um único caractere. Misture letras, números e símbolos.',
    'The password cannot be a single repeated character. Mix letters, numbers and symbols.',
  ],
]
