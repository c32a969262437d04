import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for every `.graphql` operation and fragment under src/, checked against
 * the API contract in ../schema. Paths are resolved from this file so the command works
 * from the repository root (`graphql-codegen --config client/codegen.ts`) and from client/.
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const config: CodegenConfig = {
  schema: here('../schema/*.graphql'),
  documents: [here('src/**/*.graphql')],
  ignoreNoDocuments: false,
  generates: {
    [here('src/gql/')]: {
      preset: 'client',
      // Fragments are colocated (one per component) but not masked: components type their
      // props with the fragment type and composables can read what they need.
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        onlyOperationTypes: true,
        dedupeFragments: true,
        scalars: {
          Date: 'string',
          DateTime: 'string',
          EmailAddress: 'string',
          Long: 'number',
          NonNegativeInt: 'number',
          PositiveInt: 'number',
          NonNegativeFloat: 'number',
          Upload: 'File',
        },
      },
    },
  },
};

export default config;
