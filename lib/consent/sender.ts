/** The sender as consent notices name it: the operator and the service, or the service alone when they share a name. */
export function senderName(operatorName: string | undefined, appName: string): string {
  return !operatorName || operatorName === appName ? appName : `${operatorName} (${appName})`;
}
