// Page titles (the browser tab), per locale: app/lib/meta.ts.
const ptBR = {
  'title.editCampaign': 'Editar campanha',
  'title.setup': 'Configurar',
  'title.login': 'Entrar',
  'title.importContacts': 'Importar contatos',
  'title.campaigns': 'Campanhas',
  'title.campaign': 'Campanha',
  'title.optOuts': 'Opt-outs',
  'title.newCampaign': 'Nova campanha',
  'title.home': 'Início',
  'title.aiProviders': 'Provedores de IA',
  'title.team': 'Equipe',
  'title.listColumns': 'Colunas da lista',
  'title.sessions': 'Sessões WhatsApp',
  'title.newSession': 'Nova sessão WhatsApp',
  'title.contacts': 'Contatos',
  'title.list': 'Lista',
  'title.session': 'Sessão',
  'title.apiTokens': 'API',
}

const en: Record<keyof typeof ptBR, string> = {
  'title.editCampaign': 'Edit campaign',
  'title.setup': 'Set up',
  'title.login': 'Sign in',
  'title.importContacts': 'Import contacts',
  'title.campaigns': 'Campaigns',
  'title.campaign': 'Campaign',
  'title.optOuts': 'Opt-outs',
  'title.newCampaign': 'New campaign',
  'title.home': 'Home',
  'title.aiProviders': 'AI providers',
  'title.team': 'Team',
  'title.listColumns': 'List columns',
  'title.sessions': 'WhatsApp sessions',
  'title.newSession': 'New WhatsApp session',
  'title.contacts': 'Contacts',
  'title.list': 'List',
  'title.session': 'Session',
  'title.apiTokens': 'API',
}

export const titlesMessages = { 'pt-BR': ptBR, en }
