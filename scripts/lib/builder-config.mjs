// Reads an electron-builder config the way electron-builder does for what the checks need: a file
// that `extends` another is the other merged with it, objects merged key by key, anything else
// (arrays included) replaced.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** @returns {Record<string, unknown>} */
const merge = (base, over) => {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = isObject(value) && isObject(base[key]) ? merge(base[key], value) : value;
  return out;
};

/**
 * @param {string} file absolute path of the YAML config
 * @returns {Record<string, any>}
 */
export function readBuilderConfig(file) {
  const config = YAML.parse(readFileSync(file, 'utf8')) ?? {};
  const { extends: parent, ...own } = config;
  if (parent === undefined || parent === null) return own;
  if (typeof parent !== 'string') throw new Error(`${file}: extends must name one file`);
  return merge(readBuilderConfig(path.resolve(path.dirname(file), parent)), own);
}
