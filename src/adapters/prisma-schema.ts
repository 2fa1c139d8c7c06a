/**
 * Prisma's own schema parser (`@prisma/prisma-schema-wasm`, the engine Prisma's CLI runs):
 * schema files to the DMMF data model (models, fields, relations, table names).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface PrismaWasm {
  get_dmmf(params: string): string;
}

let wasm: PrismaWasm | undefined;

export interface DmmfField {
  name: string;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUnique: boolean;
  isId: boolean;
  dbName?: string | null;
  relationFromFields?: string[];
  relationToFields?: string[];
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

/** The models of a Prisma schema (one or several files), or the parser's error. */
export function prismaModels(files: Array<[string, string]>): { ok: true; models: DmmfModel[] } | { ok: false; error: string } {
  wasm ??= require('@prisma/prisma-schema-wasm') as PrismaWasm;
  try {
    const schema = files.length === 1 ? files[0]![1] : files;
    const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: schema }))) as { datamodel: { models: DmmfModel[] } };
    return { ok: true, models: dmmf.datamodel.models };
  } catch (err) {
    const text = String((err as Error).message ?? err);
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      /* not JSON */
    }
    // eslint-disable-next-line no-control-regex
    return { ok: false, error: message.replace(/\u001b\[[0-9;]*m/g, '').split('\n').slice(0, 6).join(' ').slice(0, 400) };
  }
}
