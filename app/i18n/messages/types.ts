/** One area's messages in both languages (the area files and index.ts share it). */
export type AreaMessages = { 'pt-BR': Record<string, string>; en: Record<string, string> }
