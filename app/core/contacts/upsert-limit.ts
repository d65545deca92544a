/** Most contacts one API upsert takes (the request schema and the core both hold to it). */
export const UPSERT_MAX = 1000
