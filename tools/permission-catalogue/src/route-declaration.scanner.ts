import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export type RouteAccessKind = 'permission' | 'public' | 'system' | 'undeclared';

export interface DeclaredRoute {
  /** e.g. `GET /contacts/:id` */
  method: string;
  path: string;
  access: RouteAccessKind;
  /** The short permission (`crm.contacts.view`) of a permission route. */
  permission?: string;
  /** `ContactsController.list` */
  handler: string;
  /** Workspace-relative source file. */
  file: string;
}

/** Raised when a decorator argument is not a string literal: the catalogue must not guess. */
export class RouteScanError extends Error {
  constructor(file: string, node: ts.Node, detail: string) {
    const { line } = node.getSourceFile().getLineAndCharacterOfPosition(node.getStart());
    super(`${file}:${line + 1}: ${detail}`);
    this.name = 'RouteScanError';
  }
}

const HTTP_METHODS: Record<string, string> = {
  Get: 'GET',
  Post: 'POST',
  Put: 'PUT',
  Patch: 'PATCH',
  Delete: 'DELETE',
  Options: 'OPTIONS',
  Head: 'HEAD',
  All: 'ALL',
};
const ACCESS_DECORATORS: Record<string, Exclude<RouteAccessKind, 'undeclared'>> = {
  RequirePermission: 'permission',
  PublicRoute: 'public',
  SystemRoute: 'system',
};

/**
 * Production sources only (`apps/<app>/src`, `libs/<lib>/src`, no specs): test apps declare
 * routes too, and they are not part of the product's catalogue.
 */
export function productionSourceFiles(workspaceRoot: string): string[] {
  const files: string[] = [];
  for (const area of ['apps', 'libs']) {
    const areaDir = join(workspaceRoot, area);
    for (const project of readdirSync(areaDir, { withFileTypes: true })) {
      if (!project.isDirectory()) continue;
      const srcDir = join(areaDir, project.name, 'src');
      let entries: string[];
      try {
        entries = readdirSync(srcDir, { recursive: true, encoding: 'utf8' });
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (entry.endsWith('.ts') && !entry.endsWith('.d.ts') && !/\.(int-)?spec\.ts$/.test(entry)) files.push(join(srcDir, entry));
      }
    }
  }
  return files.sort();
}

/**
 * Reads route declarations statically with the TypeScript parser: no module is booted and nothing
 * connects. Controllers are classes decorated with `@Controller`; routes are their methods with an
 * HTTP-method decorator; access comes from the method's decorator, else the class's. A class that
 * implements `EarlyRoute` is one public route.
 */
export function scanRoutes(workspaceRoot: string, files: string[]): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('@Controller') && !text.includes('implements EarlyRoute')) continue;
    routes.push(...scanSource(relative(workspaceRoot, file), text));
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

export function scanSource(file: string, text: string): DeclaredRoute[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const routes: DeclaredRoute[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isClassDeclaration(node) && node.name) {
      const classDecorators = decoratorsOf(node);
      const controller = classDecorators.find((decorator) => decorator.name === 'Controller');
      if (controller) {
        const basePath = pathArgument(file, controller.call);
        const classAccess = accessOf(file, classDecorators);
        for (const member of node.members) {
          if (!ts.isMethodDeclaration(member) || !member.name) continue;
          const methodDecorators = decoratorsOf(member);
          const http = methodDecorators.find((decorator) => decorator.name in HTTP_METHODS);
          if (!http) continue;
          const access = accessOf(file, methodDecorators) ?? classAccess ?? { access: 'undeclared' as const };
          routes.push({
            method: HTTP_METHODS[http.name] ?? http.name,
            path: joinPaths(basePath, pathArgument(file, http.call)),
            ...access,
            handler: `${node.name.text}.${member.name.getText(source)}`,
            file,
          });
        }
      }
      if (implementsEarlyRoute(node)) routes.push(earlyRoute(file, node, node.name.text));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return routes;
}

function implementsEarlyRoute(node: ts.ClassDeclaration): boolean {
  return (node.heritageClauses ?? []).some(
    (clause) => clause.token === ts.SyntaxKind.ImplementsKeyword && clause.types.some((type) => type.expression.getText() === 'EarlyRoute'),
  );
}

/**
 * An `EarlyRoute` (libs/platform) is answered before Express and its guards: public by construction,
 * it authenticates its callers itself. Its `method` and `path` properties must be string literals.
 */
function earlyRoute(file: string, node: ts.ClassDeclaration, className: string): DeclaredRoute {
  const literal = (name: string): string => {
    const property = node.members.find((member): member is ts.PropertyDeclaration => ts.isPropertyDeclaration(member) && member.name.getText() === name);
    if (!property?.initializer || !ts.isStringLiteralLike(property.initializer)) {
      throw new RouteScanError(file, property ?? node, `an EarlyRoute's \`${name}\` must be a string literal for the permission catalogue`);
    }
    return property.initializer.text;
  };
  return { method: literal('method'), path: literal('path'), access: 'public', handler: `${className}.handle`, file };
}

interface NamedDecorator {
  name: string;
  call: ts.CallExpression;
}

function decoratorsOf(node: ts.HasDecorators): NamedDecorator[] {
  return (ts.getDecorators(node) ?? []).flatMap((decorator) => {
    const call = decorator.expression;
    if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) return [];
    return [{ name: call.expression.text, call }];
  });
}

function accessOf(file: string, decorators: NamedDecorator[]): Pick<DeclaredRoute, 'access' | 'permission'> | undefined {
  const declared = decorators.filter((decorator) => decorator.name in ACCESS_DECORATORS);
  const [decorator, second] = declared;
  if (second) throw new RouteScanError(file, second.call, 'more than one access decorator on one target');
  const access = decorator && ACCESS_DECORATORS[decorator.name];
  if (!decorator || !access) return undefined;
  if (access !== 'permission') return { access };
  const argument = decorator.call.arguments[0];
  if (!argument || !ts.isStringLiteralLike(argument)) {
    throw new RouteScanError(file, decorator.call, '@RequirePermission needs a string literal argument');
  }
  return { access, permission: argument.text };
}

function pathArgument(file: string, call: ts.CallExpression): string {
  const argument = call.arguments[0];
  if (!argument) return '';
  if (ts.isStringLiteralLike(argument)) return argument.text;
  throw new RouteScanError(file, call, 'route paths must be string literals for the permission catalogue');
}

function joinPaths(...parts: string[]): string {
  return `/${parts.map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
}
