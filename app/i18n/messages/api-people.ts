// The public API's texts for tags and segments (/api/v1/tags, /api/v1/segments; decisions 030, 036,
// 037): per-item errors of a tag batch and the sentences a segment preview reports.
const ptBR = {
  'api.tags.personNotFound': 'Nenhuma pessoa da equipe com este id.',
  'api.tags.phoneNotFound':
    'Nenhuma pessoa da equipe com este telefone: adicione-o a uma lista (importação ou POST /api/v1/contacts) antes.',
  'api.tags.batchTooLarge':
    'Envie no máximo {max, number} pessoas por pedido; este tinha {count, number}. Divida em lotes.',
  'api.tags.personRef': 'Informe personId ou phone em cada item (só um dos dois).',
} as const

const en: Record<keyof typeof ptBR, string> = {
  'api.tags.personNotFound': 'No person of the team has this id.',
  'api.tags.phoneNotFound':
    'No person of the team has this phone: add it to a list (import or POST /api/v1/contacts) first.',
  'api.tags.batchTooLarge':
    'Send at most {max, number} people per request; this one had {count, number}. Split it into batches.',
  'api.tags.personRef': 'Give personId or phone in each item (only one of them).',
}

export const apiPeopleMessages = { 'pt-BR': ptBR, en }
