// ESLint flat config: typescript-eslint's strict and stylistic type-checked rules over every
// TypeScript folder, a lighter set for tests, benchmarks and scripts, and eslint-config-prettier
// last so that formatting is Prettier's alone. Run with `npm run lint`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Globals of the Node scripts (`.mjs`), which TypeScript does not check. */
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'URL', 'Buffer', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'fetch', 'performance'].map(
    (name) => [name, 'readonly'],
  ),
);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'docs/api/**',
      'models/**',
      'coverage/**',
      'runs/**',
      'test-results/**',
      '.cache/**',
      'sdk-examples/data/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Hot loops index typed arrays inside their bounds; under noUncheckedIndexedAccess `a[i]!` is the cheap, deliberate way to say so.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Numbers (sample counts, rates, milliseconds) in messages are the point of most templates here.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // Typed-array reads in hot loops are written `a[i] as number` under noUncheckedIndexedAccess; it says the same as `a[i]!`.
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
      // `(x) => subscriber.next(x)` and `return subscriber.error(e)` are the rxjs idiom for "hand on and stop".
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // Run-time checks of untyped callers' arguments, stored data and globals the DOM types declare (crypto.subtle) are deliberate.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // Indexed loops are the house form over typed arrays in hot paths (no iterator per loop, index at hand).
      '@typescript-eslint/prefer-for-of': 'off',
      // `cond ? a() : b()` and `ok && f()` as statements read well; comma sequences still need braces.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true, allowShortCircuit: true }],
      // `!x || x.p !== v` guards say what they mean; `x?.p !== v` changes meaning when v can be undefined.
      '@typescript-eslint/prefer-optional-chain': 'off',
      // No-op callbacks (`() => {}`) are deliberate: default releases, rejections already reported elsewhere.
      '@typescript-eslint/no-empty-function': ['error', { allow: ['arrowFunctions'] }],
      // Relaying a caught value as it was raised is fine; a new rejection still needs an Error.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // `!!(a || b)` is a boolean test, not a default value.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignoreBooleanCoercion: true }],
      // `_name` marks a parameter kept for a signature (rxjs callbacks, worker handlers).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests, benchmarks and scripts: a lighter set.
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: {
      // They read JSON files, child-process output and browser-page results whose shape the assertions themselves check.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/restrict-plus-operands': ['error', { allowAny: true }],
      // Fakes implement async interfaces (Bluetooth, WebGPU, sources) with bodies that need no await.
      '@typescript-eslint/require-await': 'off',
      // Tests read `.code` off the errors they provoke, and destructure helpers made of arrow functions.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // `promise.catch((e) => e)` hands the error to the assertions that follow.
      '@typescript-eslint/use-unknown-in-catch-callback-variable': 'off',
      // No-op methods and stubs are the point of many fakes; an empty class stands in for a constructor (onnxruntime's Tensor).
      '@typescript-eslint/no-empty-function': 'off',
      '@typescript-eslint/no-extraneous-class': ['error', { allowEmpty: true }],
    },
  },
  {
    // Event and request listeners in the examples and the browser test server are async on purpose and handle their own failures.
    files: ['sdk-examples/**', 'test/browser/**'],
    rules: { '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }] },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: nodeGlobals },
  },
  prettier,
);
