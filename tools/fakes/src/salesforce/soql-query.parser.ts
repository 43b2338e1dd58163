/** The SOQL subset the fake answers: what crm-sync sends, nothing more. */
export interface SoqlQuery {
  fields: SoqlField[];
  object: string;
  where?: { field: string; operator: '>' | '>=' | '<' | '<='; value: Date };
  orderBy?: { field: string; descending: boolean };
}

export type SoqlField = { kind: 'field'; path: string[] } | { kind: 'subquery'; relationship: string; fields: string[] };

export class SoqlParseError extends Error {}

const QUERY = /^SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(\w+)\s*(>=|<=|>|<)\s*(\S+))?(?:\s+ORDER\s+BY\s+(\w+)(?:\s+(ASC|DESC))?)?\s*$/is;
const SUBQUERY = /^\(\s*SELECT\s+(.+?)\s+FROM\s+(\w+)\s*\)$/is;

export function parseSoql(soql: string): SoqlQuery {
  const match = QUERY.exec(soql.trim());
  if (!match) throw new SoqlParseError(`unexpected token in query: ${soql.slice(0, 40)}`);
  const [, selectList, object, whereField, operator, literal, orderField, direction] = match;
  const query: SoqlQuery = { fields: splitTopLevel(selectList).map(parseField), object };
  if (whereField) {
    const value = new Date(literal);
    if (Number.isNaN(value.getTime())) throw new SoqlParseError(`invalid datetime literal ${literal}`);
    query.where = { field: whereField, operator: operator as '>' | '>=' | '<' | '<=', value };
  }
  if (orderField) query.orderBy = { field: orderField, descending: direction?.toUpperCase() === 'DESC' };
  return query;
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
