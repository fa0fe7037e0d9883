/** Simplified Chinese for the report messages. Keys are the English message ids (see scripts/message-ids.ts). */
import type { Dictionary } from '../language.js';

export const ZH: Dictionary = {};
