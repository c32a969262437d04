/**
 * Project-like documents for the database benchmarks: the shape and size (~400 bytes of
 * BSON) of what the application stores, with Chinese text, dates, arrays and a sub-document.
 */
import { ObjectId } from 'mongodb';
import { Schema } from 'mongoose';

const DISTRICTS = ['杭州湾经开区', '曹娥江经开区', '百官街道', '曹娥街道', '东关街道', '道墟街道', '崧厦街道', '盖北镇'];
const CHAINS = ['新材料', '现代医药', '高端装备', '电子信息', '半导体装备', '氢能', '光伏', '节能环保', '新能源'];
const STAGES = ['LEAD', 'NEGOTIATING', 'SIGNED', 'LANDED', 'UNDER_CONSTRUCTION', 'IN_PRODUCTION'];

export interface BenchProject {
  _id: ObjectId;
  code: string;
  name: string;
  platform: string;
  chain: string;
  stage: string;
  investmentYuan: number;
  landMu: number;
  contact: { name: string; phone: string };
  tags: string[];
  signedAt: Date;
  counter: number;
  createdAt: Date;
  updatedAt: Date;
  __v: number;
}

export const projectSchema = new Schema<BenchProject>(
  {
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    platform: { type: String, index: true },
    chain: String,
    stage: String,
    investmentYuan: Number,
    landMu: Number,
    contact: { name: String, phone: String },
    tags: [String],
    signedAt: Date,
    counter: { type: Number, default: 0 },
  },
  { timestamps: true },
);

/** A deterministic document for index `i` under `prefix` (codes are unique per prefix). */
export function projectDoc(prefix: string, i: number): Omit<BenchProject, '_id' | 'createdAt' | 'updatedAt' | '__v'> {
  return {
    code: `${prefix}-${String(i).padStart(7, '0')}`,
    name: `${CHAINS[i % CHAINS.length]}产业项目 第${i}号 智能制造基地`,
    platform: DISTRICTS[i % DISTRICTS.length],
    chain: CHAINS[(i * 7) % CHAINS.length],
    stage: STAGES[i % STAGES.length],
    investmentYuan: 50_000_000 + ((i * 7919) % 5_000) * 1_000_000,
    landMu: 20 + (i % 300),
    contact: { name: `联系人${i % 997}`, phone: `1380000${String(i % 10_000).padStart(4, '0')}` },
    tags: ['制造业', CHAINS[i % CHAINS.length], i % 3 === 0 ? '亿元以上' : '常规'],
    signedAt: new Date(Date.UTC(2023, i % 12, 1 + (i % 28))),
    counter: 0,
  };
}

/** The same document as stored by mongoose (with _id, timestamps and __v), for raw loads. */
export function storedProjectDoc(prefix: string, i: number): BenchProject {
  const now = new Date(Date.UTC(2024, 0, 1));
  return { _id: new ObjectId(), ...projectDoc(prefix, i), createdAt: now, updatedAt: now, __v: 0 };
}
