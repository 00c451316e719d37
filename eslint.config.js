import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Emoji and pictographs drawn as icons: older phones show them as empty boxes, so the web app's
// icons come from @tabler/icons-react instead. Checked in code; web/i18n/catalogue.test.ts checks the texts.
const EMOJI = String.raw`[\p{Extended_Pictographic}\u{2300}-\u{23FF}\u{25A0}-\u{25FF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{1F000}-\u{1FAFF}]|\u{FE0F}`;
const noEmojiIcon = (selector) => ({
  selector,
  message:
    'No emoji as icons (older phones draw boxes): use an icon from @tabler/icons-react (web/components/icons.tsx).',
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Tests may hold emoji as data (texts residents type); the app's own code may not draw them.
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    ignores: ['web/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        noEmojiIcon(`JSXText[value=/${EMOJI}/u]`),
        noEmojiIcon(`Literal[value=/${EMOJI}/u]`),
        noEmojiIcon(`TemplateElement[value.cooked=/${EMOJI}/u]`),
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // The service worker (public/sw.js) runs in the browser as a classic script.
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.serviceworker },
  },
);
