// Archived campaigns (decision 042): what the campaign page says about a campaign whose messages are
// in R2, the restore button, and why a restore or an export was refused.
export const archivesMessages = {
  'pt-BR': {
    'archives.badge': 'arquivada',
    'archives.note':
      'As mensagens desta campanha estão arquivadas. Os totais são os do arquivamento; a tabela é lida do arquivo (respondeu em {ms} ms).',
    'archives.missing':
      'O arquivo desta campanha não foi encontrado no armazenamento. Os totais abaixo continuam valendo, mas a lista de contatos e a exportação não estão disponíveis. Avise o suporte.',
    'archives.corrupt':
      'O arquivo desta campanha está danificado (a verificação de integridade falhou). Os totais abaixo continuam valendo, mas a lista de contatos e a exportação não estão disponíveis. Avise o suporte.',
    'archives.restore': 'Restaurar mensagens para o banco',
    'archives.restored': 'Mensagens restauradas: {count}. A campanha voltou a ser lida do banco.',
    'archives.refused.not_archived': 'Esta campanha não está arquivada.',
    'archives.refused.missing':
      'Não foi possível restaurar: o arquivo não foi encontrado. Nada foi alterado.',
    'archives.refused.corrupt':
      'Não foi possível restaurar: o arquivo está danificado (a verificação de integridade falhou). Nada foi alterado.',
  },
  en: {
    'archives.badge': 'archived',
    'archives.note':
      "This campaign's messages are archived. The totals are those at archiving time; the table is read from the archive (answered in {ms} ms).",
    'archives.missing':
      "This campaign's archive was not found in storage. The totals below still hold, but the contact list and the export are unavailable. Tell support.",
    'archives.corrupt':
      "This campaign's archive is damaged (the integrity check failed). The totals below still hold, but the contact list and the export are unavailable. Tell support.",
    'archives.restore': 'Restore messages to the database',
    'archives.restored': 'Messages restored: {count}. The campaign is read from the database again.',
    'archives.refused.not_archived': 'This campaign is not archived.',
    'archives.refused.missing': 'Could not restore: the archive was not found. Nothing changed.',
    'archives.refused.corrupt':
      'Could not restore: the archive is damaged (the integrity check failed). Nothing changed.',
  },
}
