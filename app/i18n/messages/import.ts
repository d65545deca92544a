// Why a phone, a row or a whole file was refused by a contact import (app/core/phone,
// app/core/contacts/import): the codes core modules return and the rejects table stores (decision 025).
import type { AreaMessages } from './types'

const EXAMPLE_PT = 'por exemplo (11) 98765-4321'
const EXAMPLE_EN = 'e.g. (11) 98765-4321'

const ptBR = {
  'phone.empty': `Telefone vazio. Preencha o número com DDD, ${EXAMPLE_PT}.`,
  'phone.invalid_characters': `Telefone com letras ou símbolos inválidos. Use só números, com DDD, ${EXAMPLE_PT}.`,
  'phone.scientific_notation':
    'Telefone em notação científica (ex.: 5,51199E+12), o Excel cortou os dígitos. Formate a coluna como Texto na planilha e exporte de novo.',
  'phone.multiple_numbers': 'Mais de um telefone na mesma célula. Deixe apenas um número por linha.',
  'phone.missing_ddd': `Telefone sem DDD. Inclua o DDD antes do número, ${EXAMPLE_PT}.`,
  'phone.invalid_ddd': 'DDD inexistente no Brasil. Confira os dois dígitos do código de área.',
  'phone.too_short': `Telefone com dígitos de menos. Use DDD + número, ${EXAMPLE_PT}.`,
  'phone.too_long': `Telefone com dígitos demais. Use DDD + número, ${EXAMPLE_PT}.`,
  'phone.service_number': 'Números 0800, 0300, 0900, 4004 e similares não usam WhatsApp. Informe um celular.',
  'phone.invalid_number':
    'Número inválido: celular deve ter 9 dígitos começando com 9 e fixo 8 dígitos começando de 2 a 5, após o DDD.',
  'phone.not_brazilian': 'Número de outro país. Só números do Brasil (+55) são aceitos nesta lista.',
  'import.sniff.empty': 'O arquivo está vazio. Envie um CSV com pelo menos uma linha de contato.',
  'import.sniff.utf16':
    'O arquivo está em UTF-16 (Unicode), que não é aceito. No Excel, use "Salvar como" e escolha "CSV UTF-8 (delimitado por vírgulas)".',
  'import.sniff.spreadsheet':
    'Este arquivo é uma planilha do Excel (.xlsx/.xls) ou um arquivo compactado, não um CSV. Abra no Excel e use "Salvar como" > "CSV UTF-8 (delimitado por vírgulas)".',
  'import.sniff.binary':
    'O arquivo não parece ser um CSV (parece uma imagem, PDF ou outro arquivo binário). Envie a lista em formato .csv.',
  'import.limit.fileTooLarge':
    'O arquivo passa de {mb} MB. Divida a lista em arquivos menores e importe cada um.',
  'import.row.line_too_long':
    'Linha muito longa (mais de {kb} KB). Confira se o arquivo é mesmo uma lista de contatos e se as aspas estão fechadas.',
  'import.row.too_many_columns':
    'Linha com colunas demais (mais de {max}). Confira o separador e remova colunas vazias.',
  'import.row.unbalanced_quotes':
    'Aspas sem fechamento nesta linha. Feche as aspas ("") do campo ou remova-as e exporte o arquivo de novo.',
  'import.mapping.no_phone_column':
    'Não encontramos a coluna de telefone. Escolha qual coluna tem o WhatsApp dos contatos.',
  'import.mapping.multiple_phone_columns':
    'Há mais de uma coluna com telefones. Confirme qual delas tem o WhatsApp dos contatos.',
  'import.mapping.empty_file': 'O arquivo não tem linhas com dados. Confira se é a lista certa.',
  'import.mapping.choosePhone': 'Escolha qual coluna tem o telefone (WhatsApp) dos contatos.',
  'import.mapping.columnMissing': 'A coluna escolhida para {field} não existe no arquivo. Escolha outra.',
  'import.mapping.sameColumn':
    'A mesma coluna foi escolhida para dois campos ({field}). Escolha colunas diferentes.',
  'import.field.phone': 'telefone',
  'import.field.name': 'nome',
  'import.field.email': 'e-mail',
  'import.field.company': 'empresa',
  'import.reject.no_phone_column':
    'Nenhuma coluna de telefone foi escolhida. Indique qual coluna tem o WhatsApp.',
  'import.reject.duplicateInFile':
    'Telefone repetido: já aparece na linha {line}. Só o primeiro foi importado.',
  'import.reject.alreadyInList':
    'Telefone repetido: já está nesta lista (em uma linha anterior ou em uma importação anterior).',
  'import.reject.generic': 'Linha recusada.',
  'import.run.noMapping': 'as colunas do arquivo não foram definidas; escolha as colunas e tente de novo',
  'import.run.fileMissing':
    'o arquivo original não foi encontrado; descarte a lista e envie o arquivo de novo',
  'import.run.stuck': 'não foi possível avançar a leitura do arquivo; confira se ele não está corrompido',
  'import.run.unexpected': 'erro inesperado ao gravar os contatos ({detail})',
  'import.failedAtRow': 'falhou na linha {line}: {reason}',
  'import.failed': 'a importação falhou',
} as const

const en: Record<keyof typeof ptBR, string> = {
  'phone.empty': `The phone number is empty. Enter the number with its area code (DDD), ${EXAMPLE_EN}.`,
  'phone.invalid_characters': `The phone number has letters or invalid symbols. Use digits only, with the area code (DDD), ${EXAMPLE_EN}.`,
  'phone.scientific_notation':
    'The phone number is in scientific notation (e.g. 5,51199E+12): Excel cut off the digits. Format the column as Text in the spreadsheet and export it again.',
  'phone.multiple_numbers': 'More than one phone number in the same cell. Keep only one number per row.',
  'phone.missing_ddd': `The phone number has no area code (DDD). Add the area code before the number, ${EXAMPLE_EN}.`,
  'phone.invalid_ddd':
    'This area code (DDD) does not exist in Brazil. Check the two digits of the area code.',
  'phone.too_short': `The phone number has too few digits. Use area code (DDD) + number, ${EXAMPLE_EN}.`,
  'phone.too_long': `The phone number has too many digits. Use area code (DDD) + number, ${EXAMPLE_EN}.`,
  'phone.service_number':
    '0800, 0300, 0900, 4004 and similar numbers do not use WhatsApp. Enter a mobile number.',
  'phone.invalid_number':
    'Invalid number: after the area code (DDD), a mobile number must have 9 digits starting with 9, and a landline 8 digits starting with 2 to 5.',
  'phone.not_brazilian':
    'The number is from another country. Only Brazilian numbers (+55) are accepted in this list.',
  'import.sniff.empty': 'The file is empty. Upload a CSV with at least one contact row.',
  'import.sniff.utf16':
    'The file is in UTF-16 (Unicode), which is not supported. In Excel, use "Save As" and choose "CSV UTF-8 (Comma delimited)".',
  'import.sniff.spreadsheet':
    'This file is an Excel spreadsheet (.xlsx/.xls) or a compressed file, not a CSV. Open it in Excel and use "Save As" > "CSV UTF-8 (Comma delimited)".',
  'import.sniff.binary':
    'The file does not look like a CSV (it looks like an image, a PDF or another binary file). Upload the list as a .csv file.',
  'import.limit.fileTooLarge':
    'The file is over {mb} MB. Split the list into smaller files and import each one.',
  'import.row.line_too_long':
    'Row too long (over {kb} KB). Check that the file really is a contact list and that all quotes are closed.',
  'import.row.too_many_columns':
    'Row with too many columns (over {max}). Check the separator and remove empty columns.',
  'import.row.unbalanced_quotes':
    'Unclosed quotes on this row. Close the quotes ("") of the field or remove them, then export the file again.',
  'import.mapping.no_phone_column':
    "We couldn't find the phone column. Choose which column has the contacts' WhatsApp number.",
  'import.mapping.multiple_phone_columns':
    "More than one column has phone numbers. Confirm which one has the contacts' WhatsApp number.",
  'import.mapping.empty_file': 'The file has no rows with data. Check that it is the right list.',
  'import.mapping.choosePhone': "Choose which column has the contacts' phone number (WhatsApp).",
  'import.mapping.columnMissing':
    'The column chosen for {field} does not exist in the file. Choose another one.',
  'import.mapping.sameColumn':
    'The same column was chosen for two fields ({field}). Choose different columns.',
  'import.field.phone': 'phone',
  'import.field.name': 'name',
  'import.field.email': 'email',
  'import.field.company': 'company',
  'import.reject.no_phone_column':
    'No phone column was chosen. Indicate which column has the WhatsApp number.',
  'import.reject.duplicateInFile':
    'Duplicate phone number: it already appears on row {line}. Only the first one was imported.',
  'import.reject.alreadyInList':
    'Duplicate phone number: it is already in this list (on an earlier row or from an earlier import).',
  'import.reject.generic': 'Row refused.',
  'import.run.noMapping': "the file's columns were not set; choose the columns and try again",
  'import.run.fileMissing': 'the original file was not found; discard the list and upload the file again',
  'import.run.stuck': 'could not read further into the file; check that it is not corrupted',
  'import.run.unexpected': 'unexpected error while saving the contacts ({detail})',
  'import.failedAtRow': 'failed at row {line}: {reason}',
  'import.failed': 'the import failed',
}

export const importMessages = { 'pt-BR': ptBR, en } satisfies AreaMessages
