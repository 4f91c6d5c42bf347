/**
 * local/no-record-index: a record with a string index signature (Record<string, T>) is never
 * read or written by a computed key that is not a literal. Ids from people include
 * `__proto__`, `constructor` and `toString`; a plain object answers those from its prototype.
 * Use lookup / hasKey / put / drop / setEntry from shared/domain/keyed.ts, or a Map.
 */
import ts from 'typescript';
import { ESLintUtils } from '@typescript-eslint/utils';

function isLiteralKey(type) {
  if (type.isUnion()) return type.types.every(isLiteralKey);
  return (
    type.isStringLiteral() || type.isNumberLiteral() || (type.flags & ts.TypeFlags.Never) !== 0
  );
}

function hasStringIndex(checker, type) {
  if (type.isUnion()) return type.types.some((t) => hasStringIndex(checker, t));
  if (checker.isArrayType(type) || checker.isTupleType(type)) return false;
  return checker.getIndexInfoOfType(type, ts.IndexKind.String) !== undefined;
}

function isNumeric(type) {
  if (type.isUnion()) return type.types.every(isNumeric);
  return (type.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.Never)) !== 0;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'No lookup of a string-keyed record by a computed key' },
    messages: {
      index:
        'A computed key into a Record<string, …> finds prototype members (`constructor`, `__proto__`); use lookup/hasKey/put/drop/setEntry from shared/domain/keyed.ts or a Map.',
      write:
        'An assignment by a computed key into a Record<string, …> turns `__proto__` into a prototype change; use put/setEntry from shared/domain/keyed.ts, emptyRecord(), or a Map.',
      in: '`key in record` is true for prototype members; use hasKey from shared/domain/keyed.ts or a Map.',
    },
    schema: [],
  },
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const typeOf = (node) => checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
    return {
      MemberExpression(node) {
        if (!node.computed) return;
        const key = typeOf(node.property);
        if (isLiteralKey(key) || isNumeric(key)) return;
        if (!hasStringIndex(checker, typeOf(node.object))) return;
        const p = node.parent;
        // Deleting an own entry is safe whatever its name.
        if (p.type === 'UnaryExpression' && p.operator === 'delete') return;
        const written =
          (p.type === 'AssignmentExpression' && p.left === node) ||
          (p.type === 'UpdateExpression' && p.argument === node);
        context.report({ node, messageId: written ? 'write' : 'index' });
      },
      BinaryExpression(node) {
        if (node.operator !== 'in' || node.left.type === 'PrivateIdentifier') return;
        if (isLiteralKey(typeOf(node.left))) return;
        if (!hasStringIndex(checker, typeOf(node.right))) return;
        context.report({ node, messageId: 'in' });
      },
    };
  },
};
