// English for the pt-BR messages of the contact import (phone, CSV sniffing, rows, columns, limits).
// Keyed by the core records' own values: a reworded pt-BR text keeps its translation, and a new reason
// fails to compile until it has one. Messages with numbers or names in them are in core-en-patterns.ts.
import type { MappingIssueCode } from '../core/contacts/import/columns'
import { MAPPING_MESSAGES } from '../core/contacts/import/columns'
import { SNIFF_MESSAGES, type SniffRejectReason } from '../core/contacts/import/csv-sniff'
import { IMPORT_LIMITS, LIMIT_MESSAGES } from '../core/contacts/import/limits'
import { ROW_MESSAGES, type RowRejectReason } from '../core/contacts/import/rows'
import { PHONE_MESSAGES, type PhoneRejectReason } from '../core/phone/brazil'

/** [pt-BR, English] pairs, one per reason of a core message record. */
export function byRecord<K extends string>(pt: Record<K, string>, en: Record<K, string>): [string, string][] {
  return (Object.keys(en) as K[]).map((k) => [pt[k], en[k]])
}

const EXAMPLE = 'e.g. (11) 98765-4321'

const PHONE_EN: Record<PhoneRejectReason, string> = {
  empty: `The phone number is empty. Enter the number with its area code (DDD), ${EXAMPLE}.`,
  invalid_characters: `The phone number has letters or invalid symbols. Use digits only, with the area code (DDD), ${EXAMPLE}.`,
  scientific_notation:
    'The phone number is in scientific notation (e.g. 5,51199E+12): Excel cut off the digits. Format the column as Text in the spreadsheet and export it again.',
  multiple_numbers: 'More than one phone number in the same cell. Keep only one number per row.',
  missing_ddd: `The phone number has no area code (DDD). Add the area code before the number, ${EXAMPLE}.`,
  invalid_ddd: 'This area code (DDD) does not exist in Brazil. Check the two digits of the area code.',
  too_short: `The phone number has too few digits. Use area code (DDD) + number, ${EXAMPLE}.`,
  too_long: `The phone number has too many digits. Use area code (DDD) + number, ${EXAMPLE}.`,
  service_number: '0800, 0300, 0900, 4004 and similar numbers do not use WhatsApp. Enter a mobile number.',
  invalid_number:
    'Invalid number: after the area code (DDD), a mobile number must have 9 digits starting with 9, and a landline 8 digits starting with 2 to 5.',
  not_brazilian:
    'The number is from another country. Only Brazilian numbers (+55) are accepted in this list.',
}

const SNIFF_EN: Record<SniffRejectReason, string> = {
  empty: 'The file is empty. Upload a CSV with at least one contact row.',
  utf16:
    'The file is in UTF-16 (Unicode), which is not supported. In Excel, use "Save As" and choose "CSV UTF-8 (Comma delimited)".',
  spreadsheet:
    'This file is an Excel spreadsheet (.xlsx/.xls) or a compressed file, not a CSV. Open it in Excel and use "Save As" > "CSV UTF-8 (Comma delimited)".',
  binary:
    'The file does not look like a CSV (it looks like an image, a PDF or another binary file). Upload the list as a .csv file.',
}

const ROW_EN: Record<RowRejectReason, string> = {
  line_too_long: `Row too long (over ${IMPORT_LIMITS.maxLineBytes / 1024} KB). Check that the file really is a contact list and that all quotes are closed.`,
  too_many_columns: `Row with too many columns (over ${IMPORT_LIMITS.maxColumns}). Check the separator and remove empty columns.`,
  unbalanced_quotes:
    'Unclosed quotes on this row. Close the quotes ("") of the field or remove them, then export the file again.',
}

const MAPPING_EN: Record<MappingIssueCode, string> = {
  no_phone_column:
    "We couldn't find the phone column. Choose which column has the contacts' WhatsApp number.",
  multiple_phone_columns:
    "More than one column has phone numbers. Confirm which one has the contacts' WhatsApp number.",
  empty_file: 'The file has no rows with data. Check that it is the right list.',
}

const LIMIT_EN: Record<keyof typeof LIMIT_MESSAGES, string> = {
  fileTooLarge: `The file is over ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB. Split the list into smaller files and import each one.`,
}

/** Contact import messages: pt-BR text -> English. */
export const CONTACTS_EN: [string, string][] = [
  ...byRecord(PHONE_MESSAGES, PHONE_EN),
  ...byRecord(SNIFF_MESSAGES, SNIFF_EN),
  ...byRecord(ROW_MESSAGES, ROW_EN),
  ...byRecord(MAPPING_MESSAGES, MAPPING_EN),
  ...byRecord(LIMIT_MESSAGES, LIMIT_EN),
  // columns.ts applyUserMapping, contact-rows.ts toContact
  [
    'Escolha qual coluna tem o telefone (WhatsApp) dos contatos.',
    "Choose which column has the contacts' phone number (WhatsApp).",
  ],
  [
    'Nenhuma coluna de telefone foi escolhida. Indique qual coluna tem o WhatsApp.',
    'No phone column was chosen. Indicate which column has the WhatsApp number.',
  ],
  // import/run.server.ts (server-only module, so written out here; i18n-core.test.ts checks them)
  [
    'Telefone repetido: já está nesta lista (em uma linha anterior ou em uma importação anterior).',
    'Duplicate phone number: it is already in this list (on an earlier row or from an earlier import).',
  ],
  [
    'as colunas do arquivo não foram definidas; escolha as colunas e tente de novo',
    "the file's columns were not set; choose the columns and try again",
  ],
  [
    'o arquivo original não foi encontrado; descarte a lista e envie o arquivo de novo',
    'the original file was not found; discard the list and upload the file again',
  ],
  [
    'não foi possível avançar a leitura do arquivo; confira se ele não está corrompido',
    'could not read further into the file; check that it is not corrupted',
  ],
  ['erro inesperado ao gravar os contatos', 'unexpected error while saving the contacts'],
]
