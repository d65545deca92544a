// Column headers and words of the CSV downloads (lists, rejected rows, campaign results); opt-outs use
// the optouts.col.* headers of their page.
const ptBR = {
  'export.list.name': 'Nome',
  'export.list.phone': 'Telefone',
  'export.list.email': 'E-mail',
  'export.list.company': 'Empresa',
  'export.list.optOut': 'Opt-out',
  'export.list.optOutSince': 'Opt-out desde',
  'export.rejects.line': 'Linha',
  'export.rejects.raw': 'Conteúdo original',
  'export.rejects.reason': 'Motivo',
  'export.campaign.name': 'Nome',
  'export.campaign.phone': 'Telefone',
  'export.campaign.status': 'Situação',
  'export.campaign.session': 'Sessão',
  'export.campaign.sent': 'Enviada em',
  'export.campaign.delivered': 'Entregue em',
  'export.campaign.read': 'Lida em',
  'export.campaign.clicked': 'Clicou em',
  'export.campaign.replied': 'Respondeu em',
  'export.campaign.error': 'Erro',
  'export.campaign.unknownStatus': 'Desconhecida',
} as const

const en: Record<keyof typeof ptBR, string> = {
  'export.list.name': 'Name',
  'export.list.phone': 'Phone',
  'export.list.email': 'E-mail',
  'export.list.company': 'Company',
  'export.list.optOut': 'Opted out',
  'export.list.optOutSince': 'Opted out since',
  'export.rejects.line': 'Row',
  'export.rejects.raw': 'Original text',
  'export.rejects.reason': 'Reason',
  'export.campaign.name': 'Name',
  'export.campaign.phone': 'Phone',
  'export.campaign.status': 'Status',
  'export.campaign.session': 'Session',
  'export.campaign.sent': 'Sent at',
  'export.campaign.delivered': 'Delivered at',
  'export.campaign.read': 'Read at',
  'export.campaign.clicked': 'Clicked at',
  'export.campaign.replied': 'Replied at',
  'export.campaign.error': 'Error',
  'export.campaign.unknownStatus': 'Unknown',
}

export const exportsMessages = { 'pt-BR': ptBR, en }
