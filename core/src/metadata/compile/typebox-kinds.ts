import { TypeRegistry } from '@sinclair/typebox';

/**
 * Select fields describe their values as `{ type: 'string', enum: [...] }` through
 * `Type.Unsafe` (react-jsonschema-form cannot render unions of literals), which TypeBox's
 * compiler does not know how to check. This teaches it that one shape, once, at load.
 */
if (!TypeRegistry.Has('Unsafe')) {
  TypeRegistry.Set('Unsafe', (schema: Record<string, unknown>, value: unknown) => {
    if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).includes(value);
    if (schema.type === 'string') return typeof value === 'string';
    return true;
  });
}

export {};
