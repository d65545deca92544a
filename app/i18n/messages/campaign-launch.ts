// The composer's "Enviar teste" card, the "Enviar agora" confirmation and the paused campaign banner.
const ptBR = {
  'campaigns.test.title': 'Enviar teste para meu número',
  'campaigns.test.hint':
    'Envia agora a mensagem como está (com o anexo) para o número abaixo, com as variáveis do primeiro contato da lista (ou o seu nome). Não altera a campanha.',
  'campaigns.test.noSession': 'Conecte uma sessão do WhatsApp para enviar um teste.',
  'campaigns.test.phone': 'Seu WhatsApp',
  'campaigns.test.session': 'Enviar pela sessão',
  'campaigns.test.send': 'Enviar teste',
  'campaigns.test.sending': 'Enviando teste…',
  'campaigns.test.sent': 'Teste enviado para {phone} pela sessão {session} (variáveis de {name}).',
  'campaigns.test.errors.phoneRequired': 'Informe o número com DDD para receber o teste.',
  'campaigns.test.errors.sessionRequired': 'Escolha uma sessão conectada para enviar o teste.',
  'campaigns.test.errors.notConnected': 'Esta sessão não está conectada agora. Escolha outra ou conecte-a.',
  'campaigns.test.errors.template': 'Corrija a mensagem antes de enviar o teste.',
  'campaigns.test.errors.notOnWhatsApp': 'Este número não tem WhatsApp. Confira o número.',
  'campaigns.test.errors.rateLimited':
    'Você já enviou {limit} testes no último minuto. Aguarde {seconds} s e tente de novo.',
  'campaigns.confirm.question': 'Enviar para {people} por {sessions}?',
  'campaigns.confirm.people.one': '{count} contato',
  'campaigns.confirm.people.other': '{count} contatos',
  'campaigns.confirm.sessions.one': '{count} sessão',
  'campaigns.confirm.sessions.other': '{count} sessões',
  'campaigns.confirm.list': 'lista {name}',
  'campaigns.confirm.leftOut':
    '{count, plural, =0 {# contatos da lista ficam de fora (pediram para sair ou bloqueados).} one {# contato da lista fica de fora (pediu para sair ou foi bloqueado).} other {# contatos da lista ficam de fora (pediram para sair ou bloqueados).}}',
  'campaigns.confirm.notConnected':
    '{count, plural, =0 {Nenhuma das {sessions} sessões escolhidas está conectada agora.} one {Só # das {sessions} sessões escolhidas está conectada agora: o envio usa a conectada.} other {Só # das {sessions} sessões escolhidas estão conectadas agora: o envio usa as conectadas.}}',
  'campaigns.confirm.savedDraft': 'A campanha foi salva como rascunho. Ela só começa quando você confirmar.',
  'campaigns.confirm.confirm': 'Confirmar envio',
  'campaigns.confirm.back': 'Voltar',
  'campaigns.pausedBanner.title': 'Envio pausado.',
  'campaigns.pausedBanner.bySystem': 'Pausada automaticamente pelo Disparo',
  'campaigns.pausedBanner.byUser': 'Pausada por {name}',
  'campaigns.pausedBanner.someone': 'alguém da equipe',
  'campaigns.pausedBanner.whoWhen': '{who} em {date}.',
  'campaigns.pausedBanner.resumeHint': 'Resolva o motivo e clique em "Retomar".',
}

const en: Record<keyof typeof ptBR, string> = {
  'campaigns.test.title': 'Send a test to my number',
  'campaigns.test.hint':
    "Sends the message as it is now (with the attachment) to the number below, with the list's first contact's variables (or your name). The campaign is not changed.",
  'campaigns.test.noSession': 'Connect a WhatsApp session to send a test.',
  'campaigns.test.phone': 'Your WhatsApp',
  'campaigns.test.session': 'Send through session',
  'campaigns.test.send': 'Send test',
  'campaigns.test.sending': 'Sending test…',
  'campaigns.test.sent': 'Test sent to {phone} through session {session} (variables of {name}).',
  'campaigns.test.errors.phoneRequired': 'Enter the number with its area code to get the test.',
  'campaigns.test.errors.sessionRequired': 'Pick a connected session to send the test.',
  'campaigns.test.errors.notConnected': 'This session is not connected now. Pick another or connect it.',
  'campaigns.test.errors.template': 'Fix the message before sending the test.',
  'campaigns.test.errors.notOnWhatsApp': 'This number has no WhatsApp. Check the number.',
  'campaigns.test.errors.rateLimited':
    'You already sent {limit} tests in the last minute. Wait {seconds} s and try again.',
  'campaigns.confirm.question': 'Send to {people} through {sessions}?',
  'campaigns.confirm.people.one': '{count} contact',
  'campaigns.confirm.people.other': '{count} contacts',
  'campaigns.confirm.sessions.one': '{count} session',
  'campaigns.confirm.sessions.other': '{count} sessions',
  'campaigns.confirm.list': 'list {name}',
  'campaigns.confirm.leftOut':
    '{count, plural, one {# contact of the list is left out (opted out or blocked).} other {# contacts of the list are left out (opted out or blocked).}}',
  'campaigns.confirm.notConnected':
    '{count, plural, =0 {None of the {sessions} chosen sessions is connected now.} one {Only # of the {sessions} chosen sessions is connected now: sending uses the connected one.} other {Only # of the {sessions} chosen sessions are connected now: sending uses the connected ones.}}',
  'campaigns.confirm.savedDraft': 'The campaign was saved as a draft. It only starts when you confirm.',
  'campaigns.confirm.confirm': 'Confirm sending',
  'campaigns.confirm.back': 'Back',
  'campaigns.pausedBanner.title': 'Sending paused.',
  'campaigns.pausedBanner.bySystem': 'Paused automatically by Disparo',
  'campaigns.pausedBanner.byUser': 'Paused by {name}',
  'campaigns.pausedBanner.someone': 'someone on the team',
  'campaigns.pausedBanner.whoWhen': '{who} on {date}.',
  'campaigns.pausedBanner.resumeHint': 'Fix the cause and click "Resume".',
}

export const campaignLaunchMessages = { 'pt-BR': ptBR, en }
