/** Types of stack-processes.js (plain CommonJS so `npm start` runs before anything is compiled) for TypeScript callers such as the load run. */
export interface StackEnvironment {
  identityUrl: string;
  adminKey: string;
  shared: Record<string, string>;
  fakesUrl: string;
  slackSigningSecret: string;
}

export interface ProcessDefinition {
  name: string;
  script: string;
  readyUrl: string;
  port?: number;
  service?: boolean;
  env: Record<string, string>;
}

export const SERVICES: ReadonlyArray<{ name: string; port: number }>;
/** Node options by service name; a service without an entry runs with Node's defaults. */
export const SERVICE_NODE_OPTIONS: Readonly<Record<string, string>>;
export const DEV_IDENTITY_PORT: number;
export const FAKE_PORTS: { control: number; hubspot: number; salesforce: number; slack: number; google: number };
export function stackEnvironment(input: { tenantId: string; databaseUrl: string }): StackEnvironment;
export function processDefinitions(environment: StackEnvironment): ProcessDefinition[];
export function demoEnvironment(environment: StackEnvironment): Record<string, string>;
