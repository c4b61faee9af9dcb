/** An answer's body as the run history shows it: parsed JSON, the text when it is not JSON, undefined when empty. */
export async function readResponseBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}
