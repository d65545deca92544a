// Number protection settings (decision 020): warm-up, rest packages, first-contact budget, area-code
// affinity and the tenant's gap between campaigns for the same person.
import type { AreaMessages } from './types'

export const protectionMessages = {
  'pt-BR': {
    'protection.form.warmup': 'Aquecimento do número',
    'protection.form.warmupHint':
      'Um número novo começa com poucas mensagens por dia e cresce dia a dia até o limite diário. Os dias contam a partir da primeira conexão no Disparo.',
    'protection.form.warmupEnabled': 'Aquecer o número (recomendado)',
    'protection.form.warmupOffWarning':
      'Desligar o aquecimento (só administradores) libera o limite diário cheio desde o primeiro dia: números novos que enviam muito logo de cara costumam ser bloqueados pelo WhatsApp.',
    'protection.form.warmupIsOff':
      'Atenção: o aquecimento está desligado. Este número já envia o limite diário cheio, mesmo se for novo, e corre mais risco de bloqueio.',
    'protection.form.warmupStartCap': 'Mensagens no primeiro dia',
    'protection.form.warmupStartCapHint': 'Entre 1 e o limite diário.',
    'protection.form.warmupDays': 'Dias até chegar ao limite diário',
    'protection.form.rest': 'Pausas entre pacotes',
    'protection.form.restHint':
      'Envia um pacote de mensagens (tamanho sorteado na faixa) e descansa alguns minutos (também sorteados). Use 0 nos dois tamanhos de pacote para não pausar.',
    'protection.form.packageMin': 'Pacote: mínimo de mensagens',
    'protection.form.packageMax': 'Pacote: máximo de mensagens',
    'protection.form.restMinMin': 'Pausa: mínimo de minutos',
    'protection.form.restMaxMin': 'Pausa: máximo de minutos',
    'protection.form.firstContact': 'Primeiros contatos',
    'protection.form.firstContactDailyBudget': 'Números novos por dia',
    'protection.form.firstContactHint':
      'Quantos números que esta sessão nunca contatou ela pode chamar por dia (horário de Brasília). Os demais esperam o dia seguinte. Use 0 para não limitar.',
    'protection.errors.warmupStartCap': 'Use um número inteiro de mensagens, de 1 a 100.000.',
    'protection.errors.warmupAboveCap':
      'O primeiro dia do aquecimento não pode passar do limite diário. Diminua este número ou aumente o limite diário.',
    'protection.errors.warmupDays': 'Use um número inteiro de dias, de 1 a 365.',
    'protection.errors.warmupOffAdminOnly': 'Só um administrador pode desligar o aquecimento do número.',
    'protection.errors.package': 'Use um número inteiro de mensagens, de 0 a 10.000.',
    'protection.errors.packageOff':
      'Para não pausar, use 0 no mínimo e no máximo do pacote; para pausar, use pelo menos 1 nos dois.',
    'protection.errors.packageOrder': 'O máximo do pacote deve ser maior ou igual ao mínimo.',
    'protection.errors.rest': 'Use um número inteiro de minutos, de 0 a 1440.',
    'protection.errors.restOrder': 'O máximo da pausa deve ser maior ou igual ao mínimo.',
    'protection.errors.firstContactBudget': 'Use um número inteiro de 0 (sem limite) a 100.000.',
    'protection.plan.title': 'Aquecimento do número',
    'protection.plan.off': 'Aquecimento desligado: o limite diário cheio vale desde o primeiro dia.',
    'protection.plan.done': 'Aquecimento concluído: o número já pode enviar o limite diário cheio.',
    'protection.plan.progress': 'Dia {day} de {days} do aquecimento.',
    'protection.plan.todayCap':
      '{count, plural, =0 {Limite de hoje: # mensagens.} one {Limite de hoje: # mensagem.} other {Limite de hoje: # mensagens.}}',
    'protection.plan.sentToday':
      '{count, plural, =0 {Enviadas hoje: # mensagens.} one {Enviada hoje: # mensagem.} other {Enviadas hoje: # mensagens.}}',
    'protection.plan.since': 'Conta desde {date}.',
    'protection.plan.notConnected': 'O número ainda não conectou: o plano conta desde o cadastro.',
    'protection.plan.show': 'Ver o plano dia a dia',
    'protection.plan.day': 'Dia',
    'protection.plan.cap': 'Limite do dia',
    'protection.plan.today': 'hoje',
    'protection.compose.rest': 'Pausas da campanha (opcional)',
    'protection.compose.restHint':
      'Deixe em branco para seguir as pausas de cada sessão. Preenchidas, vale o mais restrito: o pacote menor e a pausa mais longa.',
    'protection.compose.affinity': 'Afinidade por DDD',
    'protection.compose.affinityHint':
      'Cada contato vai, de preferência, pela sessão cujo número tem o mesmo DDD; senão, uma do mesmo estado; senão, pela prioridade.',
    'protection.affinity.on':
      'Afinidade por DDD ligada: cada contato vai de preferência pela sessão do mesmo DDD, depois do mesmo estado, depois pela prioridade.',
    'protection.affinity.off':
      'Afinidade por DDD desligada: os contatos se dividem entre as sessões pela prioridade.',
    'protection.errors.campaignRestPartial':
      'Preencha os quatro campos das pausas (pacote mínimo e máximo, pausa mínima e máxima) ou deixe os quatro em branco.',
    'protection.errors.campaignPackage': 'Use um número inteiro de mensagens, de 1 a 10.000.',
    'protection.team.title': 'Proteção das pessoas',
    'protection.team.personGap': 'Intervalo mínimo entre campanhas para a mesma pessoa (horas)',
    'protection.team.personGapHint':
      'Uma pessoa não recebe mensagens de duas campanhas dentro deste intervalo. De 0 (desligado) a 168 horas (7 dias).',
    'protection.team.saved': 'Intervalo entre campanhas salvo: {hours} h.',
    'protection.team.current':
      '{count, plural, =0 {Intervalo mínimo entre campanhas para a mesma pessoa: desligado.} one {Intervalo mínimo entre campanhas para a mesma pessoa: # hora.} other {Intervalo mínimo entre campanhas para a mesma pessoa: # horas.}}',
    'protection.errors.personGap': 'Use um número inteiro de horas, de 0 a 168.',
    'protection.errors.personGapAdminOnly': 'Só um administrador pode mudar o intervalo entre campanhas.',
  },
  en: {
    'protection.form.warmup': 'Number warm-up',
    'protection.form.warmupHint':
      'A new number starts with few messages a day and grows day by day up to the daily cap. Days count from its first connection in Disparo.',
    'protection.form.warmupEnabled': 'Warm the number up (recommended)',
    'protection.form.warmupOffWarning':
      'Switching warm-up off (admins only) allows the full daily cap from day one: new numbers that send a lot straight away are often banned by WhatsApp.',
    'protection.form.warmupIsOff':
      'Warning: warm-up is off. This number already sends the full daily cap, even if it is new, and is at a higher risk of a ban.',
    'protection.form.warmupStartCap': 'Messages on the first day',
    'protection.form.warmupStartCapHint': 'Between 1 and the daily cap.',
    'protection.form.warmupDays': 'Days to reach the daily cap',
    'protection.form.rest': 'Rests between packages',
    'protection.form.restHint':
      'Sends a package of messages (size drawn within the range), then rests a few minutes (also drawn). Use 0 for both package sizes to never rest.',
    'protection.form.packageMin': 'Package: minimum messages',
    'protection.form.packageMax': 'Package: maximum messages',
    'protection.form.restMinMin': 'Rest: minimum minutes',
    'protection.form.restMaxMin': 'Rest: maximum minutes',
    'protection.form.firstContact': 'First contacts',
    'protection.form.firstContactDailyBudget': 'New numbers per day',
    'protection.form.firstContactHint':
      'How many numbers this session never wrote to before it may contact per day (Brasília time). The others wait for the next day. Use 0 for no limit.',
    'protection.errors.warmupStartCap': 'Use a whole number of messages, from 1 to 100,000.',
    'protection.errors.warmupAboveCap':
      'The warm-up’s first day cannot exceed the daily cap. Lower this number or raise the daily cap.',
    'protection.errors.warmupDays': 'Use a whole number of days, from 1 to 365.',
    'protection.errors.warmupOffAdminOnly': 'Only an admin can switch the number’s warm-up off.',
    'protection.errors.package': 'Use a whole number of messages, from 0 to 10,000.',
    'protection.errors.packageOff':
      'To never rest, use 0 for both package sizes; to rest, use at least 1 for both.',
    'protection.errors.packageOrder': 'The package maximum must be greater than or equal to the minimum.',
    'protection.errors.rest': 'Use a whole number of minutes, from 0 to 1440.',
    'protection.errors.restOrder': 'The rest maximum must be greater than or equal to the minimum.',
    'protection.errors.firstContactBudget': 'Use a whole number from 0 (no limit) to 100,000.',
    'protection.plan.title': 'Number warm-up',
    'protection.plan.off': 'Warm-up off: the full daily cap applies from day one.',
    'protection.plan.done': 'Warm-up complete: the number may send its full daily cap.',
    'protection.plan.progress': 'Day {day} of {days} of the warm-up.',
    'protection.plan.todayCap':
      '{count, plural, one {Today’s cap: # message.} other {Today’s cap: # messages.}}',
    'protection.plan.sentToday':
      '{count, plural, one {Sent today: # message.} other {Sent today: # messages.}}',
    'protection.plan.since': 'Counting since {date}.',
    'protection.plan.notConnected':
      'The number has not connected yet: the plan counts from its registration.',
    'protection.plan.show': 'See the plan day by day',
    'protection.plan.day': 'Day',
    'protection.plan.cap': 'Cap of the day',
    'protection.plan.today': 'today',
    'protection.compose.rest': 'Campaign rests (optional)',
    'protection.compose.restHint':
      'Leave blank to follow each session’s rests. When filled in, the stricter applies: the smaller package and the longer rest.',
    'protection.compose.affinity': 'Area-code affinity',
    'protection.compose.affinityHint':
      'Each contact preferably goes through the session whose number has the same area code (DDD); else one in the same state; else by priority.',
    'protection.affinity.on':
      'Area-code affinity on: each contact preferably goes through the session with the same area code, then the same state, then by priority.',
    'protection.affinity.off': 'Area-code affinity off: contacts are shared among the sessions by priority.',
    'protection.errors.campaignRestPartial':
      'Fill in all four rest fields (package minimum and maximum, rest minimum and maximum) or leave all four blank.',
    'protection.errors.campaignPackage': 'Use a whole number of messages, from 1 to 10,000.',
    'protection.team.title': 'Protecting people',
    'protection.team.personGap': 'Minimum gap between campaigns for the same person (hours)',
    'protection.team.personGapHint':
      'A person does not get messages from two campaigns within this gap. From 0 (off) to 168 hours (7 days).',
    'protection.team.saved': 'Gap between campaigns saved: {hours} h.',
    'protection.team.current':
      '{count, plural, =0 {Minimum gap between campaigns for the same person: off.} one {Minimum gap between campaigns for the same person: # hour.} other {Minimum gap between campaigns for the same person: # hours.}}',
    'protection.errors.personGap': 'Use a whole number of hours, from 0 to 168.',
    'protection.errors.personGapAdminOnly': 'Only an admin can change the gap between campaigns.',
  },
} satisfies AreaMessages
