import type { Plain } from '../../lib/records.js';
import type { InstructionDoc } from './model.js';

export type InstructionRecord = Plain<InstructionDoc>;
