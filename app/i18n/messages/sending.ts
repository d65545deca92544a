// What went wrong with a send, a WAHA call or an outbound request (app/core/sending, app/core/waha,
// app/core/net): the codes those modules return and the outbox stores with its params (decision 025).
import type { AreaMessages } from './types'

const ptBR = {
  // the send engine's stored reasons (campaign_messages.error_code)
  'send.suppressed': 'Número na lista de opt-out',
  'send.duplicate': 'Telefone repetido na lista',
  'send.cancelled': 'Campanha cancelada',
  'send.recent_message': 'Esta pessoa já recebeu uma mensagem de campanha há pouco tempo',
  'send.same_text': 'Esta pessoa já recebeu este mesmo texto nas últimas 24 horas',
  'send.first_contact_budget': 'Aguardando o limite diário de novos contatos da sessão',
  'send.not_on_whatsapp': 'Este número não tem WhatsApp.',
  'send.noSession': 'Nenhuma das sessões da campanha está conectada e disponível para enviar.',
  'send.teamMoving':
    'Pausada enquanto a equipe muda de banco de dados; ela continua sozinha quando a mudança terminar.',
  'send.stuck':
    'O envio começou mas não foi confirmado. Só reenviamos se o WhatsApp mostrar que a mensagem não chegou.',
  'send.reconcile.alreadyResent':
    'O WhatsApp mostra que a mensagem não chegou e ela já foi reenviada uma vez; não tentamos de novo.',
  'send.reconcile.campaignOver':
    'O WhatsApp mostra que a mensagem não chegou; a campanha já terminou, então não reenviamos.',
  'send.reconcile.cannotTell':
    'O WhatsApp não confirmou o envio e o WAHA não soube dizer se a mensagem chegou. Não reenviamos para não duplicar.',
  'send.ack_error': 'WhatsApp informou erro na entrega.',
  'send.mediaMissing': 'O anexo da campanha não foi encontrado. Edite a campanha e envie o arquivo de novo.',
  'send.failuresInRow': '{count} falhas seguidas: {reason}',
  'send.failed': 'Mensagem não enviada.',
  'send.pausedGeneric': 'Pausada',
  'send.errorGeneric': 'Falhou',
  // WAHA errors (app/core/waha/error-builders.ts, errors.ts)
  'waha.reach_out_limit':
    'O WhatsApp bloqueou temporariamente este número de iniciar conversas novas. Pause os envios por este número e use outro, ou aguarde o fim do bloqueio.',
  'waha.reach_out_limit_until':
    'O WhatsApp bloqueou temporariamente este número de iniciar conversas novas até {until, date, brasilia} (horário de Brasília). Pause os envios por este número e use outro, ou aguarde o fim do bloqueio.',
  'waha.invalid_number':
    'Este número não tem WhatsApp ou está em formato inválido. Confira o telefone do contato.',
  'waha.bad_request': 'O servidor WAHA recusou os dados enviados. Confira os campos e tente de novo.',
  'waha.bad_request_problems':
    'O servidor WAHA recusou os dados enviados: {problems}. Confira os campos e tente de novo.',
  'waha.problem.tooLarge': 'o arquivo é grande demais para o servidor WAHA ou o proxy na frente dele',
  'waha.problem.emptyText': 'a mensagem está vazia',
  'waha.problem.emptyImage': 'a imagem está vazia ou não é uma imagem',
  'waha.problem.imageMissing': 'imagem não encontrada',
  'waha.problem.emptyMedia': 'o arquivo está vazio ou não é do tipo esperado',
  'waha.problem.emptyPoll': 'a enquete precisa de uma pergunta e de pelo menos duas opções',
  'waha.problem.mediaMissing': 'arquivo anexado não encontrado',
  'waha.ambiguous': '{why}. {next}',
  'waha.why.timeout': 'O servidor WAHA não respondeu a tempo',
  'waha.why.server_error': 'O servidor WAHA teve um erro interno',
  'waha.why.server_error_status': 'O servidor WAHA teve um erro interno (HTTP {status})',
  'waha.why.aborted': 'A requisição foi interrompida',
  'waha.why.unexpected_body': 'A resposta do servidor WAHA chegou incompleta ou inesperada',
  'waha.then.send': 'A mensagem pode ter sido enviada; por segurança ela não será reenviada automaticamente.',
  'waha.then.unknown':
    'A mensagem pode ter sido enviada; o Disparo confere a conversa no WhatsApp em alguns minutos e só a reenvia se ela não tiver chegado.',
  'waha.then.other': 'Confira o estado no servidor antes de repetir a operação.',
  'waha.unexpected_response':
    'O endereço respondeu algo que não é a API do WAHA (por exemplo, uma página HTML). Confira se a URL aponta para o servidor WAHA, como https://waha.exemplo.com.br.',
  'waha.notWaha':
    'O endereço respondeu, mas não parece ser um servidor WAHA. Confira a URL (ex.: https://waha.exemplo.com.br, sem /api no fim).',
  'waha.redirect':
    'O servidor WAHA respondeu com um redirecionamento. Cadastre diretamente o endereço final (confira http/https e a barra no fim).',
  'waha.redirect_to':
    'O servidor WAHA respondeu com um redirecionamento para {location}. Cadastre diretamente o endereço final (confira http/https e a barra no fim).',
  'waha.session_not_found':
    'A sessão não foi encontrada ou não está iniciada no servidor WAHA. Confira o nome da sessão ou inicie a sessão de novo.',
  'waha.session_not_ready':
    'A sessão do WhatsApp não está pronta para enviar (agora ela está {status}). Aguarde a conexão ou reinicie a sessão.',
  'waha.qr_unavailable':
    'O QR code e o código de pareamento só ficam disponíveis enquanto a sessão aguarda leitura (agora ela está {status}). Reinicie a sessão para parear de novo.',
  'waha.state.STOPPED': 'parada',
  'waha.state.STARTING': 'iniciando',
  'waha.state.SCAN_QR_CODE': 'aguardando leitura do QR code',
  'waha.state.WORKING': 'conectada',
  'waha.state.FAILED': 'com falha',
  'waha.state.PASSKEY_REQUIRED': 'aguardando chave de acesso',
  'waha.state.PASSKEY_CONFIRMATION_REQUIRED': 'aguardando confirmação da chave de acesso',
  'waha.state.unknown': 'desconhecido',
  'waha.connect_failed':
    'Não foi possível conectar ao servidor WAHA. Confira o endereço e se o servidor está ligado e acessível pela internet.',
  'waha.auth_key':
    'O servidor WAHA recusou a chave de API. Confira a chave (X-Api-Key) cadastrada para este servidor.',
  'waha.auth_forbidden':
    'A chave de API não tem permissão para esta sessão ou operação. Use uma chave de administrador ou com acesso a esta sessão.',
  'waha.origin_unreachable':
    'O servidor WAHA está fora do ar ou inacessível (o proxy não conseguiu alcançá-lo). Confira se ele está ligado.',
  'waha.rate_limited_whatsapp':
    'O WhatsApp limitou a frequência de envios ou consultas deste número. Aguarde alguns minutos e reduza o ritmo da campanha.',
  'waha.rate_limited_server':
    'O servidor WAHA está recebendo pedidos demais. Aguarde alguns minutos e reduza o ritmo.',
  'waha.already_exists':
    'Já existe uma sessão com esse nome no servidor WAHA. Escolha outro nome ou use a sessão existente.',
  // a session's own state (app/core/sessions/session-truth.ts)
  'session.failed':
    'A sessão falhou no WAHA (o WhatsApp pode ter desconectado o aparelho). Reinicie a sessão; se continuar falhando, desconecte e escaneie o QR code de novo.',
  'session.notFound':
    'O servidor WAHA não tem mais esta sessão (ele pode ter sido reiniciado sem guardar as sessões, ou a sessão foi apagada lá). Use "Recriar no WAHA" para cadastrá-la de novo com o mesmo nome e escanear o QR code.',
  // outbound URLs and fetches (app/core/net)
  'net.url.invalid_url': 'O endereço não é uma URL válida. Use o formato https://servidor.exemplo.com.br',
  'net.url.unsupported_protocol': 'Use um endereço que comece com http:// ou https://.',
  'net.url.credentials':
    'Não coloque usuário ou senha dentro do endereço. Informe a chave de API no campo próprio.',
  'net.url.missing_host': 'Falta o nome do servidor no endereço (ex.: https://waha.exemplo.com.br).',
  'net.url.private_address':
    'Endereços de rede interna ou local (como 127.0.0.1, 10.x.x.x ou 192.168.x.x) não são permitidos. Use o endereço público do servidor.',
  'net.url.private_host':
    'Nomes de rede interna (como localhost ou *.local) não são permitidos. Use o endereço público do servidor.',
  'net.connect': 'Não foi possível conectar ao servidor. Confira o endereço e se o servidor está ligado.',
  'net.lost': 'A conexão com o servidor caiu antes da resposta terminar. Tente de novo em instantes.',
  'net.timeout': 'O servidor não respondeu em {seconds} s. Confira se ele está no ar e tente de novo.',
  'net.tooLarge': 'A resposta do servidor passou do limite de {kb} KB.',
  'net.redirect': 'O servidor pediu um redirecionamento. Use diretamente o endereço final no cadastro.',
  'net.redirect_to':
    'O servidor pediu um redirecionamento para {location}. Use diretamente o endereço final no cadastro.',
  'net.aborted': 'A requisição foi cancelada.',
} as const

const en: Record<keyof typeof ptBR, string> = {
  'send.suppressed': 'Number is on the opt-out list',
  'send.duplicate': 'Duplicate phone number in the list',
  'send.cancelled': 'Campaign cancelled',
  'send.recent_message': 'This person already got a campaign message a short while ago',
  'send.same_text': 'This person already got this same text in the last 24 hours',
  'send.first_contact_budget': "Waiting for the session's daily new-contact budget",
  'send.not_on_whatsapp': 'This number is not on WhatsApp.',
  'send.noSession': "None of the campaign's sessions is connected and available to send.",
  'send.teamMoving':
    'Paused while the team moves to another database; it resumes by itself when the move ends.',
  'send.stuck':
    'Sending started but was not confirmed. We resend only if WhatsApp shows the message did not arrive.',
  'send.reconcile.alreadyResent':
    'WhatsApp shows the message did not arrive and it was already resent once; we do not try again.',
  'send.reconcile.campaignOver':
    'WhatsApp shows the message did not arrive; the campaign is over, so we did not resend it.',
  'send.reconcile.cannotTell':
    'WhatsApp did not confirm the send and WAHA could not tell whether the message arrived. We did not resend it, so it is not duplicated.',
  'send.ack_error': 'WhatsApp reported a delivery error.',
  'send.mediaMissing': 'The campaign attachment was not found. Edit the campaign and upload the file again.',
  'send.failuresInRow': '{count} failures in a row: {reason}',
  'send.failed': 'Message not sent.',
  'send.pausedGeneric': 'Paused',
  'send.errorGeneric': 'Failed',
  'waha.reach_out_limit':
    'WhatsApp has temporarily blocked this number from starting new conversations. Pause sending from this number and use another one, or wait for the block to end.',
  'waha.reach_out_limit_until':
    'WhatsApp has temporarily blocked this number from starting new conversations until {until, date, brasilia} (Brasília time). Pause sending from this number and use another one, or wait for the block to end.',
  'waha.invalid_number':
    "This number is not on WhatsApp or is in an invalid format. Check the contact's phone number.",
  'waha.bad_request': 'The WAHA server rejected the data sent. Check the fields and try again.',
  'waha.bad_request_problems':
    'The WAHA server rejected the data sent: {problems}. Check the fields and try again.',
  'waha.problem.tooLarge': 'the file is too large for the WAHA server or the proxy in front of it',
  'waha.problem.emptyText': 'the message is empty',
  'waha.problem.emptyImage': 'the image is empty or is not an image',
  'waha.problem.imageMissing': 'image not found',
  'waha.problem.emptyMedia': 'the file is empty or not of the expected type',
  'waha.problem.emptyPoll': 'the poll needs a question and at least two options',
  'waha.problem.mediaMissing': 'attached file not found',
  'waha.ambiguous': '{why}. {next}',
  'waha.why.timeout': 'The WAHA server did not respond in time',
  'waha.why.server_error': 'The WAHA server had an internal error',
  'waha.why.server_error_status': 'The WAHA server had an internal error (HTTP {status})',
  'waha.why.aborted': 'The request was interrupted',
  'waha.why.unexpected_body': "The WAHA server's response was incomplete or unexpected",
  'waha.then.send': 'The message may have been sent; to be safe, it will not be resent automatically.',
  'waha.then.unknown':
    'The message may have been sent; Disparo checks the WhatsApp chat in a few minutes and resends it only if it did not arrive.',
  'waha.then.other': 'Check the state on the server before repeating the operation.',
  'waha.unexpected_response':
    'The address answered with something that is not the WAHA API (for example, an HTML page). Check that the URL points to the WAHA server, such as https://waha.example.com.',
  'waha.notWaha':
    'The address answered, but it does not look like a WAHA server. Check the URL (e.g. https://waha.example.com, without /api at the end).',
  'waha.redirect':
    'The WAHA server answered with a redirect. Save the final address directly (check http/https and the trailing slash).',
  'waha.redirect_to':
    'The WAHA server answered with a redirect to {location}. Save the final address directly (check http/https and the trailing slash).',
  'waha.session_not_found':
    'The session was not found or is not started on the WAHA server. Check the session name or start the session again.',
  'waha.session_not_ready':
    'The WhatsApp session is not ready to send (it is currently {status}). Wait for it to connect or restart the session.',
  'waha.qr_unavailable':
    'The QR code and the pairing code are only available while the session is waiting to be scanned (it is currently {status}). Restart the session to pair again.',
  'waha.state.STOPPED': 'stopped',
  'waha.state.STARTING': 'starting',
  'waha.state.SCAN_QR_CODE': 'waiting for the QR code to be scanned',
  'waha.state.WORKING': 'connected',
  'waha.state.FAILED': 'in a failed state',
  'waha.state.PASSKEY_REQUIRED': 'waiting for a passkey',
  'waha.state.PASSKEY_CONFIRMATION_REQUIRED': 'waiting for the passkey to be confirmed',
  'waha.state.unknown': 'unknown',
  'waha.connect_failed':
    'Could not connect to the WAHA server. Check the address and that the server is on and reachable from the internet.',
  'waha.auth_key': 'The WAHA server rejected the API key. Check the key (X-Api-Key) saved for this server.',
  'waha.auth_forbidden':
    'The API key has no permission for this session or operation. Use an admin key or one with access to this session.',
  'waha.origin_unreachable':
    'The WAHA server is down or unreachable (the proxy could not reach it). Check that it is on.',
  'waha.rate_limited_whatsapp':
    'WhatsApp is limiting how often this number sends or looks up contacts. Wait a few minutes and slow the campaign down.',
  'waha.rate_limited_server':
    'The WAHA server is receiving too many requests. Wait a few minutes and slow down.',
  'waha.already_exists':
    'A session with this name already exists on the WAHA server. Choose another name or use the existing session.',
  'session.failed':
    'The session failed on WAHA (WhatsApp may have disconnected the phone). Restart the session; if it keeps failing, disconnect and scan the QR code again.',
  'session.notFound':
    'The WAHA server no longer has this session (it may have restarted without keeping its sessions, or the session was deleted there). Use "Recreate on WAHA" to register it again with the same name and scan the QR code.',
  'net.url.invalid_url': 'The address is not a valid URL. Use the format https://server.example.com',
  'net.url.unsupported_protocol': 'Use an address that starts with http:// or https://.',
  'net.url.credentials':
    'Do not put a username or password in the address. Enter the API key in its own field.',
  'net.url.missing_host': 'The server name is missing from the address (e.g. https://waha.example.com).',
  'net.url.private_address':
    "Internal or local network addresses (such as 127.0.0.1, 10.x.x.x or 192.168.x.x) are not allowed. Use the server's public address.",
  'net.url.private_host':
    "Internal network names (such as localhost or *.local) are not allowed. Use the server's public address.",
  'net.connect': 'Could not connect to the server. Check the address and that the server is on.',
  'net.lost': 'The connection to the server dropped before the response finished. Try again in a moment.',
  'net.timeout': 'The server did not respond within {seconds} s. Check that it is up and try again.',
  'net.tooLarge': "The server's response went over the {kb} KB limit.",
  'net.redirect': 'The server asked for a redirect. Save the final address directly instead.',
  'net.redirect_to':
    'The server asked for a redirect to {location}. Save the final address directly instead.',
  'net.aborted': 'The request was cancelled.',
}

export const sendingMessages = { 'pt-BR': ptBR, en } satisfies AreaMessages
