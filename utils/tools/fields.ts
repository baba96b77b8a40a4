import { z } from 'zod/mini';

/**
 * Argument fields several tools share. Each tool's schema is still its one source of truth; these only keep
 * the same argument spelled, bounded and described the same way everywhere.
 */

export function selectorField(description: string) {
  return z.string().check(z.trim(), z.minLength(1), z.maxLength(500), z.describe(description));
}

export function colorField(description: string) {
  return z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(100),
      z.describe(`${description} A CSS colour: a name like "navy" or "light blue", a hex code like "#1e90ff", or rgb()/hsl().`),
    );
}

export function tabIdField(description: string) {
  return z.int().check(z.gte(0), z.describe(description));
}

export function urlField(description: string) {
  return z.string().check(z.trim(), z.minLength(1), z.maxLength(2000), z.describe(description));
}
