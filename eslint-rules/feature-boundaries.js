// A local ESLint rule: renderer features meet only through each other's index.
// no-restricted-imports sees only the import's text; this rule resolves a relative import
// against the importing file, so it knows which feature a path lands in, however it is spelt.
import path from 'node:path';

const FEATURE = /[\\/]renderer[\\/]src[\\/]features[\\/]([^\\/]+)(?:[\\/](.*))?$/;

/** The feature a file or resolved import lies in, and its path inside that feature ('' for the folder). */
function featureOf(file) {
  const match = FEATURE.exec(file);
  return match ? { name: match[1], inner: (match[2] ?? '').replace(/\.(tsx?|jsx?)$/, '') } : null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const featureBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: "Outside a renderer feature, import it only through its index (features/<name>/index.ts)." },
    schema: [],
    messages: {
      internal:
        "'{{source}}' reaches into the {{feature}} feature: import it from its index (features/{{feature}}), or move the shared piece to app/ or components/.",
    },
  },
  create(context) {
    const file = context.physicalFilename ?? context.filename;
    const own = featureOf(file);
    const check = (node) => {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string' || !node.value.startsWith('.')) return;
      const target = featureOf(path.resolve(path.dirname(file), node.value));
      if (!target || target.name === own?.name) return;
      if (target.inner === '' || target.inner === 'index') return;
      context.report({ node, messageId: 'internal', data: { source: node.value, feature: target.name } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};
