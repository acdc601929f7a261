/** Makes a `switch` over a union exhaustive: adding a member without handling it fails to compile. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}
