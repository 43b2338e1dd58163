/** The SOQL subset the fake answers: what crm-sync sends, nothing more. */
export interface SoqlQuery {
  fields: SoqlField[];
  object: string;
  /** Conditions joined by AND. */
  where: SoqlCondition[];
  orderBy?: { field: string; descending: boolean };
}

export type SoqlCondition =
  | { field: string; operator: '>' | '>=' | '<' | '<='; value: Date }
  | { field: string; operator: '='; value: boolean };

export type SoqlField = { kind: 'field'; path: string[] } | { kind: 'subquery'; relationship: string; fields: string[] };

export class SoqlParseError extends Error {}

const QUERY = /^SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER\s+BY\s+(\w+)(?:\s+(ASC|DESC))?)?\s*$/is;
const CONDITION = /^(\w+)\s*(>=|<=|=|>|<)\s*(\S+)$/;
const SUBQUERY = /^\(\s*SELECT\s+(.+?)\s+FROM\s+(\w+)\s*\)$/is;

export function parseSoql(soql: string): SoqlQuery {
  const match = QUERY.exec(soql.trim());
  if (!match) throw new SoqlParseError(`unexpected token in query: ${soql.slice(0, 40)}`);
  const [, selectList, object, where, orderField, direction] = match;
  const query: SoqlQuery = { fields: splitTopLevel(selectList).map(parseField), object, where: where ? where.split(/\s+AND\s+/i).map(parseCondition) : [] };
  if (orderField) query.orderBy = { field: orderField, descending: direction?.toUpperCase() === 'DESC' };
  return query;
}

/** `Field >= 2026-01-01T00:00:00Z` or `Field = true|false`. */
function parseCondition(text: string): SoqlCondition {
  const match = CONDITION.exec(text.trim());
  if (!match) throw new SoqlParseError(`unexpected token in condition: ${text.slice(0, 40)}`);
  const [, field, operator, literal] = match;
  if (operator === '=') {
    if (!/^(true|false)$/i.test(literal)) throw new SoqlParseError(`unsupported literal ${literal}`);
    return { field, operator, value: literal.toLowerCase() === 'true' };
  }
  const value = new Date(literal);
  if (Number.isNaN(value.getTime())) throw new SoqlParseError(`invalid datetime literal ${literal}`);
  return { field, operator: operator as '>' | '>=' | '<' | '<=', value };
}

function parseField(text: string): SoqlField {
  const subquery = SUBQUERY.exec(text);
  if (subquery) return { kind: 'subquery', relationship: subquery[2], fields: splitTopLevel(subquery[1]) };
  if (!/^\w+(\.\w+)*$/.test(text)) throw new SoqlParseError(`unexpected field ${text}`);
  return { kind: 'field', path: text.split('.') };
}

/** Splits a select list on commas outside parentheses. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}
