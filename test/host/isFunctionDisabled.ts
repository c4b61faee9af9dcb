/**
 * Whether the app setting `AzureWebJobs.<functionName>.Disabled` disables a function.
 * NOTE: "How to disable functions in Azure Functions": the runtime ignores the trigger of a function
 * whose `AzureWebJobs.<FUNCTION_NAME>.Disabled` setting is true; a truthy value such as `1` or
 * `True` counts (Azure/azure-functions-ux#949), and settings are matched without regard to case,
 * as the host's configuration reads them. An HTTP function so disabled is not served (404).
 */
export function isFunctionDisabled(functionName: string, env: Readonly<Record<string, string | undefined>>): boolean {
  const wanted = `azurewebjobs.${functionName}.disabled`.toLowerCase();
  const key = Object.keys(env).find((name) => name.toLowerCase() === wanted);
  const value = key === undefined ? undefined : env[key]?.trim().toLowerCase();
  return value === 'true' || value === '1';
}
