/**
 * The AWS SDK v3 packages Lambda's Node.js runtimes ship in `/var/runtime/node_modules`, so
 * handlers import them without bundling. fogbank ships the same packages and puts the
 * directories they resolve from on each function's NODE_PATH.
 */
import { createRequire } from 'node:module';

/** The SDK packages a handler can require without bundling them (those installed beside fogbank). */
export const RUNTIME_SDK_PACKAGES = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-sfn', '@aws-sdk/client-lambda', '@aws-sdk/client-sqs', '@aws-sdk/client-sns'] as const;

let cached: string[] | undefined;

/** The `node_modules` directories holding {@link RUNTIME_SDK_PACKAGES} (deduplicated). */
export function runtimeModulePaths(): string[] {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  const dirs = new Set<string>();
  for (const name of RUNTIME_SDK_PACKAGES) {
    try {
      const file = require.resolve(name);
      const at = file.lastIndexOf('/node_modules/');
      if (at >= 0) dirs.add(file.slice(0, at + '/node_modules'.length));
    } catch {
      // Not installed (an optional peer in some layouts): handlers must bundle it themselves.
    }
  }
  cached = [...dirs];
  return cached;
}
