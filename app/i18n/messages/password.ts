// Why a new password was refused: its length or a single repeated character (app/core/crypto/password.ts,
// checked in the browser too), then guessability (app/core/auth/password-strength.server.ts), per zxcvbn
// warning. Each message says what is wrong and how to fix it.
import type { AreaMessages } from './types'

const FIX_PT =
  'Uma frase com três ou quatro palavras que não combinam (como “janela pimenta bicicleta nuvem”) é forte e fácil de lembrar.'
const FIX_EN =
  'A phrase of three or four unrelated words (like “window pepper bicycle cloud”) is strong and easy to remember.'

export const passwordMessages = {
  'pt-BR': {
    'password.tooShort': 'A senha deve ter pelo menos {min} caracteres.',
    'password.tooLong': 'A senha deve ter no máximo {max} caracteres.',
    'password.oneCharacter':
      'A senha não pode repetir um único caractere. Misture letras, números e símbolos.',
    'password.weak.common': `Essa senha está entre as mais usadas e vazadas na internet: é das primeiras que um invasor tenta. ${FIX_PT}`,
    'password.weak.similarToCommon': `Essa senha é uma pequena variação de uma das senhas mais usadas e vazadas. ${FIX_PT}`,
    'password.weak.sequences': `Sequências como “abc” ou “123456” são fáceis de adivinhar. ${FIX_PT}`,
    'password.weak.straightRow': `Sequências do teclado como “qwerty” ou “asdfgh” são fáceis de adivinhar. ${FIX_PT}`,
    'password.weak.simpleRepeat': `Repetições como “aaaa” ou “abcabc” são fáceis de adivinhar. ${FIX_PT}`,
    'password.weak.dates': `Datas e anos são fáceis de adivinhar. ${FIX_PT}`,
    'password.weak.wordByItself': `Uma palavra comum, mesmo com alguns números, é fácil de adivinhar. ${FIX_PT}`,
    'password.weak.namesByThemselves': `Nomes e sobrenomes são fáceis de adivinhar. ${FIX_PT}`,
    'password.weak.userInputs': `A senha não pode se basear no nome, no e-mail ou no nome da empresa (nem em “Disparo”). ${FIX_PT}`,
    'password.weak.guessable': `Essa senha é fácil de adivinhar. ${FIX_PT}`,
  },
  en: {
    'password.tooShort': 'The password must have at least {min} characters.',
    'password.tooLong': 'The password must have at most {max} characters.',
    'password.oneCharacter':
      'The password cannot be a single repeated character. Mix letters, numbers and symbols.',
    'password.weak.common': `That password is among the most used and leaked ones: it is one of the first an attacker tries. ${FIX_EN}`,
    'password.weak.similarToCommon': `That password is a small variation of one of the most used and leaked passwords. ${FIX_EN}`,
    'password.weak.sequences': `Sequences like “abc” or “123456” are easy to guess. ${FIX_EN}`,
    'password.weak.straightRow': `Keyboard runs like “qwerty” or “asdfgh” are easy to guess. ${FIX_EN}`,
    'password.weak.simpleRepeat': `Repeats like “aaaa” or “abcabc” are easy to guess. ${FIX_EN}`,
    'password.weak.dates': `Dates and years are easy to guess. ${FIX_EN}`,
    'password.weak.wordByItself': `A common word, even with a few digits, is easy to guess. ${FIX_EN}`,
    'password.weak.namesByThemselves': `First names and surnames are easy to guess. ${FIX_EN}`,
    'password.weak.userInputs': `The password cannot be based on the name, the email or the company name (nor on “Disparo”). ${FIX_EN}`,
    'password.weak.guessable': `That password is easy to guess. ${FIX_EN}`,
  },
} satisfies AreaMessages
