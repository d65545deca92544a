// Opt-out intent (opt-out.ts, decision 031) against replies as people write them after a campaign:
// requests to stop in every shape, negations, questions, jokes and ordinary answers. Each has the
// decision we want: `optOut` (at once), `doubtful` (a person confirms) or `none`. The test prints
// precision and recall and holds the two promises: nobody is opted out who did not ask, and no
// request is lost (every `optOut` is at least `doubtful`).
import { describe, expect, it } from 'vitest'
import { type OptOutDecision, optOutIntent } from './opt-out'

const CASES: [string, OptOutDecision][] = [
  // Plain requests: opt out at once.
  ['SAIR', 'optOut'],
  ['sair', 'optOut'],
  ['Sair!', 'optOut'],
  ['Sair por favor', 'optOut'],
  ['sair pfv', 'optOut'],
  ['Sair, obrigado', 'optOut'],
  ['Boa tarde. Sair', 'optOut'],
  ['PARAR', 'optOut'],
  ['Parar.', 'optOut'],
  ['Pare', 'optOut'],
  ['PAREM', 'optOut'],
  ['Para!!', 'optOut'],
  ['STOP', 'optOut'],
  ['stop 🛑', 'optOut'],
  ['Cancelar', 'optOut'],
  ['cancela', 'optOut'],
  ['Descadastrar', 'optOut'],
  ['remover', 'optOut'],
  ['Unsubscribe', 'optOut'],
  ['Não quero mais', 'optOut'],
  ['n quero mais', 'optOut'],
  ['não quero mais receber', 'optOut'],
  ['Não quero mais receber essas mensagens', 'optOut'],
  ['nao quero receber mensagens', 'optOut'],
  ['Não desejo receber mais mensagens', 'optOut'],
  ['não tenho interesse em receber', 'optOut'],
  ['Me tira dessa lista', 'optOut'],
  ['me tira dessa lista por favor', 'optOut'],
  ['Me tire da lista', 'optOut'],
  ['Tira meu número da lista de vocês', 'optOut'],
  ['Remove meu número', 'optOut'],
  ['remova meu contato por favor', 'optOut'],
  ['Me remove', 'optOut'],
  ['me exclui daqui', 'optOut'],
  ['Me descadastra', 'optOut'],
  ['Quero sair', 'optOut'],
  ['quero sair da lista', 'optOut'],
  ['Quero sair dessa lista de transmissão', 'optOut'],
  ['Gostaria de ser removida da lista', 'optOut'],
  ['Gostaria de sair da lista, obrigada', 'optOut'],
  ['Quero parar de receber', 'optOut'],
  ['Para de me mandar mensagem', 'optOut'],
  ['Parem de me mandar isso', 'optOut'],
  ['chega de mandar mensagem', 'optOut'],
  ['Não me mande mais mensagens', 'optOut'],
  ['Por favor não me mandem mais nada', 'optOut'],
  ['Nunca mais me mande mensagem', 'optOut'],
  ['não quero que me mandem mais isso', 'optOut'],
  ['Pode parar', 'optOut'],
  ['pode me tirar', 'optOut'],
  ['Não, pode parar', 'optOut'],
  ['Cancelar inscrição', 'optOut'],
  ['Quero cancelar o recebimento', 'optOut'],
  ['Já me descadastrei e continuo recebendo', 'optOut'],
  ['Parem de encher o saco', 'optOut'],
  ['sair da lista', 'optOut'],
  ['DESCADASTRE MEU NUMERO', 'optOut'],
  ['Apaga meu número', 'optOut'],
  ['nao envie mais', 'optOut'],
  ['Quero parar', 'optOut'],
  ['não quero receber mais nada de vocês', 'optOut'],
  ['Favor retirar meu número', 'optOut'],
  ['exclua meu cadastro', 'optOut'],
  ['nao me envie mais msg', 'optOut'],
  ['pfv para', 'optOut'],
  ['Para de mandar', 'optOut'],
  ['pare de me incomodar', 'optOut'],
  ['não tenho interesse, favor não enviar mais', 'optOut'],
  ['Remove aí', 'optOut'],
  ['LGPD: apaguem meus dados', 'optOut'],
  // Not plain: a person looks.
  ['Como faço para sair da lista?', 'doubtful'],
  ['Como faço pra parar de receber?', 'doubtful'],
  ['Se eu sair da lista perco o desconto?', 'doubtful'],
  ['Como me descadastro?', 'doubtful'],
  ['Vou bloquear esse número', 'doubtful'],
  ['Isso é spam', 'doubtful'],
  ['vou denunciar', 'doubtful'],
  ['Chega!', 'doubtful'],
  ['Quem te deu meu número?', 'doubtful'],
  ['Como vocês conseguiram meu contato?', 'doubtful'],
  ['Não autorizei receber isso', 'doubtful'],
  ['Número errado', 'doubtful'],
  ['Não tenho interesse', 'doubtful'],
  ['Não me interessa, obrigado', 'doubtful'],
  ['Não quero', 'doubtful'],
  ['Que saco, todo dia isso', 'doubtful'],
  ['Vou acionar o Procon', 'doubtful'],
  ['stop the music please', 'doubtful'],
  ['quero sair de casa hoje', 'doubtful'],
  ['Acho que vou cancelar meu pedido', 'doubtful'],
  ['Parem com isso', 'doubtful'],
  ['Deve ser engano, não sou a Maria', 'doubtful'],
  ['vc pode parar de me mandar msg?', 'doubtful'],
  ['Chega de mensagem!', 'doubtful'],
  ['tô fora', 'doubtful'],
  ['me deixa em paz', 'doubtful'],
  ['Não perturbe', 'doubtful'],
  ['quero sair do grupo da família', 'doubtful'],
  ['Quero sair mais cedo hoje', 'doubtful'],
  ['cancelar pedido', 'doubtful'],
  ['nem pensar em sair', 'doubtful'],
  // Negated, or not about messages at all: nothing.
  ['Não quero sair', 'none'],
  ['não quero sair da lista, gosto das promoções', 'none'],
  ['Não precisa me tirar da lista', 'none'],
  ['não me tira da lista', 'none'],
  ['Nunca quero parar de receber as ofertas', 'none'],
  ['Não parem de mandar, adoro', 'none'],
  ['não posso parar agora, te respondo depois', 'none'],
  ['Não me descadastre', 'none'],
  ['Oi', 'none'],
  ['Obrigado!', 'none'],
  ['Quanto custa?', 'none'],
  ['Tem no tamanho M?', 'none'],
  ['Quero comprar', 'none'],
  ['Quero 2 unidades', 'none'],
  ['Me tira uma dúvida: entrega em Campinas?', 'none'],
  ['Sairam as fotos?', 'none'],
  ['Qual o horário de vocês?', 'none'],
  ['Kkkkkk muito bom', 'none'],
  ['Bom dia! Ainda tem a promoção?', 'none'],
  ['Pode me mandar o catálogo?', 'none'],
  ['Manda mais fotos', 'none'],
  ['Sim, quero saber mais', 'none'],
  ['👍', 'none'],
  ['Aceita pix?', 'none'],
  ['Qual o endereço da loja?', 'none'],
  ['Recebi, obrigada', 'none'],
  ['Pode mandar o boleto', 'none'],
  ['Eu parei de fumar graças a vocês kkk', 'none'],
  ['Para quando é a entrega?', 'none'],
  ['Quero mais informações', 'none'],
  ['', 'none'],
  ['Ok', 'none'],
  ['Não quero mais esse plano, quero o outro', 'none'],
  ['Parabéns pelo atendimento', 'none'],
  ['não entendi', 'none'],
]

function metrics() {
  let tp = 0
  let fp = 0
  let fn = 0
  let flaggedTp = 0
  let flaggedFp = 0
  let wrong = 0
  for (const [text, expected] of CASES) {
    const got = optOutIntent(text).decision
    if (got !== expected) wrong++
    const wantOut = expected === 'optOut'
    if (got === 'optOut' && wantOut) tp++
    if (got === 'optOut' && !wantOut) fp++
    if (got !== 'optOut' && wantOut) fn++
    const flagged = got !== 'none'
    const shouldFlag = expected !== 'none'
    if (flagged && shouldFlag) flaggedTp++
    if (flagged && !shouldFlag) flaggedFp++
  }
  const shouldFlag = CASES.filter(([, e]) => e !== 'none').length
  return {
    cases: CASES.length,
    optOut: { precision: tp / (tp + fp), recall: tp / (tp + fn) },
    flagged: { precision: flaggedTp / (flaggedTp + flaggedFp), recall: flaggedTp / shouldFlag },
    agreement: 1 - wrong / CASES.length,
  }
}

describe('optOutIntent', () => {
  it('should hold 100+ real-looking replies', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100)
  })

  it('should never opt out someone who did not ask, and never lose a request (precision and recall printed)', () => {
    const m = metrics()
    console.info(`opt-out intent over ${m.cases} replies: ${JSON.stringify(m)}`)
    for (const [text, expected] of CASES) {
      const got = optOutIntent(text).decision
      if (expected !== 'optOut') expect(got, text).not.toBe('optOut')
      if (expected !== 'none') expect(got, text).not.toBe('none')
    }
    expect(m.optOut.precision).toBe(1)
    expect(m.optOut.recall).toBeGreaterThanOrEqual(0.95)
    expect(m.flagged.recall).toBe(1)
    expect(m.agreement).toBeGreaterThanOrEqual(0.95)
  })

  it.each(CASES)('should read %j as %s', (text, expected) => {
    expect(optOutIntent(text).decision).toBe(expected)
  })
})
